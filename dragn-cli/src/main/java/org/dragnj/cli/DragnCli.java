package org.dragnj.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dragnj.experiment.config.ConfigLoader;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code dragn} command line. Without a subcommand it runs the default job: the demo
 * comparison (DRAGN-L1, MI_mean, SI) on synthetic bags, generated on first use and then reused.
 */
@Command(name = "dragn", mixinStandardHelpOptions = true, version = "DRAGN-J 0.1.0",
        description = "DRAGN: deep recursive aggregation of bags of biological images.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, CompareCommand.class,
                ExtractFeaturesCommand.class, MetricsCommand.class, SynthCommand.class, BagFlyExpressCommand.class,
                DigitBagsCommand.class,
                PrepareHpaCommand.class})
public final class DragnCli implements Runnable {

    /**
     * Runs one command line and returns its exit code. The caller picks the ND4J backend first
     * (the application's main class does).
     */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: enum values case-insensitive, errors reported as one message. */
    static CommandLine commandLine() {
        return new CommandLine(new DragnCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(DragnCli::reportError);
    }

    /** Bad input is the user's to fix: one clear message, no stack trace (unless --debug is wanted later). */
    private static int reportError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        if (!(e instanceof IllegalArgumentException || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException)) {
            e.printStackTrace(cmd.getErr());
        }
        return 2;
    }

    @Override
    public void run() {
        try {
            CompareCommand.compare(ConfigLoader.load("demo", Map.of()), null, List.of(), null, false, Path.of("runs", "data"),
                    Path.of("runs", "features"), List.of("dragn"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line as typed, for a run's provenance. */
    static List<String> invocation(CommandLine.Model.CommandSpec command) {
        List<String> out = new ArrayList<>(List.of("dragn"));
        CommandLine.ParseResult r = command.commandLine().getParseResult();
        out.add(command.name());
        out.addAll(r.originalArgs().subList(Math.min(r.originalArgs().size(), 1), r.originalArgs().size()));
        return out;
    }
}
