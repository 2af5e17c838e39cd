package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dragnj.experiment.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** Every flag's help says which config key it sets and that key's built-in default, truthfully. */
class ExperimentOptionsTest {

    private static final Pattern STATED = Pattern.compile("Config keys? ([a-z_.]+)(?: and [a-z_.]+)?; built-in"
            + " default: ([^ ]+?)\\.?$");

    @Test
    void theDefaultsTheHelpStatesAreTheBuiltInOnes() throws IOException {
        JsonNode defaults = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .valueToTree(ConfigLoader.load(null, Map.of("data.manifest", "m")));
        int checked = 0;
        for (OptionSpec o : DragnCli.commandLine().getSubcommands().get("train").getCommandSpec().options()) {
            String description = String.join(" ", o.description());
            Matcher m = STATED.matcher(description);
            if (!m.find()) {
                continue;
            }
            String key = m.group(1);
            String stated = m.group(2);
            JsonNode value = defaults.at("/" + key.replace('.', '/'));
            String actual = key.equals("model.input_height")
                    ? value.asText() + "x" + defaults.at("/model/input_width").asText() : value.asText();
            assertThat(stated).as(o.longestName() + " (" + key + ")").isEqualTo(actual);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(18);
    }

    @Test
    void everyOptionOfEveryCommandHasADescriptionThatShowsItsDefault() {
        List<String> undescribed = new ArrayList<>();
        List<String> defaultsHidden = new ArrayList<>();
        collect(DragnCli.commandLine(), undescribed, defaultsHidden);
        assertThat(undescribed).as("options without a description").isEmpty();
        assertThat(defaultsHidden).as("options whose help hides their default").isEmpty();
    }

    private static void collect(CommandLine command, List<String> undescribed, List<String> defaultsHidden) {
        for (OptionSpec o : command.getCommandSpec().options()) {
            String name = command.getCommandName() + " " + o.longestName();
            String description = String.join(" ", o.description());
            if (description.isBlank()) {
                undescribed.add(name);
            }
            boolean flag = o.arity().max() == 0;
            if (o.defaultValue() != null && !flag && !description.contains("default: " + o.defaultValue())) {
                defaultsHidden.add(name + " (" + o.defaultValue() + "): " + description);
            }
        }
        command.getSubcommands().values().forEach(c -> collect(c, undescribed, defaultsHidden));
    }
}
