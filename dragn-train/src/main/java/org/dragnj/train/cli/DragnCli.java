package org.dragnj.train.cli;

import org.dragnj.platform.Backend;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dragn} command line. Without a subcommand it runs the default job: the demo
 * comparison (DRAGN-L1, MI_mean, SI) on synthetic bags, generated on first use and then reused.
 */
@Command(name = "dragn", mixinStandardHelpOptions = true, version = "DRAGN-J 0.1.0",
        description = "DRAGN: deep recursive aggregation of bags of biological images.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, CompareCommand.class, MetricsCommand.class})
public final class DragnCli implements Runnable {

    public static void main(String[] args) {
        Backend.configure(); // before anything touches ND4J
        System.setProperty("java.awt.headless", "true"); // charts are rendered to files
        System.exit(commandLine().execute(args));
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
            CompareCommand.compare(org.dragnj.train.config.ConfigLoader.load("demo", java.util.Map.of()), null, null,
                    false, java.nio.file.Path.of("runs", "data"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
