package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
    void everyOptionOfEveryCommandHasADescription() {
        assertDescribed(DragnCli.commandLine());
    }

    private static void assertDescribed(CommandLine command) {
        for (OptionSpec o : command.getCommandSpec().options()) {
            assertThat(String.join(" ", o.description())).as(command.getCommandName() + " " + o.longestName())
                    .isNotBlank();
        }
        command.getSubcommands().values().forEach(ExperimentOptionsTest::assertDescribed);
    }
}
