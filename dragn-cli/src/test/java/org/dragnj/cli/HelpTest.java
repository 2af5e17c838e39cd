package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * Every command's usage help (what --help prints) renders without picocli's warnings: an unescaped % in a
 * description made 'dragn metrics --help' print three.
 */
class HelpTest {

    @Test
    void everyCommandsHelpPrintsNoWarnings() {
        Map<String, CommandLine> commands = new LinkedHashMap<>();
        collect(DragnCli.commandLine(), "dragn", commands);
        assertThat(commands).hasSizeGreaterThanOrEqualTo(13);
        // picocli's tracer warns on System.err as it is at the time
        PrintStream original = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (Map.Entry<String, CommandLine> command : commands.entrySet()) {
                StringWriter usage = new StringWriter();
                command.getValue().usage(new PrintWriter(usage, true));
                assertThat(usage.toString()).as(command.getKey()).startsWith("Usage: " + command.getKey())
                        .doesNotContain("%n");
                assertThat(warnings.toString(StandardCharsets.UTF_8)).as(command.getKey() + " --help").isEmpty();
            }
        } finally {
            System.setErr(original);
        }
    }

    private static void collect(CommandLine command, String name, Map<String, CommandLine> out) {
        out.put(name, command);
        command.getSubcommands().forEach((sub, c) -> collect(c, name + " " + sub, out));
    }
}
