package org.dragnj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.io.BadInputException;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.model.trunk.weights.TrunkWeightsUnavailableException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code dragn} command line. Without a subcommand it runs the default job: the demo
 * comparison (DRAGN-L1, MI_mean, SI) on synthetic bags, generated on first use and then reused.
 */
@Command(name = "dragn", mixinStandardHelpOptions = true, version = "DRAGN-J 0.1.0",
        description = "DRAGN: deep recursive aggregation of bags of biological images.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, CompareCommand.class,
                ExtractFeaturesCommand.class, MetricsCommand.class, SynthCommand.class, BagFlyExpressCommand.class,
                DigitBagsCommand.class, MakeManifestCommand.class,
                PrepareHpaCommand.class})
public final class DragnCli implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace as well as the message.")
    boolean verbose;

    /**
     * Runs one command line and returns its exit code. The caller picks the ND4J backend first
     * (the application's main class does).
     */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: enum values case-insensitive, errors reported as one message. */
    static CommandLine commandLine() {
        return configure(new CommandLine(new DragnCli()));
    }

    /**
     * Gives another front end (dragn-spark) the same conventions: enum values case-insensitive, an error as
     * one {@code error:} line with the documented exit code, the stack trace only with {@code --verbose}
     * (which its top command must declare, as this one does).
     */
    public static CommandLine configure(CommandLine commandLine) {
        return commandLine.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(DragnCli::reportError);
    }

    /** Exit codes, documented in the README ("Exit codes"). */
    static final int RUNTIME_FAILURE = 1;
    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int BAD_INPUT = 3;

    /**
     * One message, no stack trace (unless {@code --verbose}), and an exit code that says whose move it is: 2 for a
     * bad option or config value, 3 for input data to fix (a {@link BadInputException}, a missing input file or
     * unusable pretrained weights anywhere in the causes), 1 for anything else.
     */
    private static int reportError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        int code = exitCode(e);
        PrintWriter err = cmd.getErr();
        err.println("error: " + ErrorMessages.of(e));
        if (Verbosity.requested(parsed)) {
            e.printStackTrace(err);
        } else if (code == RUNTIME_FAILURE && !(e instanceof IOException || e instanceof UncheckedIOException)) {
            // a failure nobody foresaw: its message alone may not say enough to act on
            err.println("(an unexpected failure: run again with --verbose for the stack trace)");
        }
        return code;
    }

    static int exitCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof NoSuchFileException
                    || t instanceof TrunkWeightsUnavailableException) {
                return BAD_INPUT;
            }
        }
        return e instanceof IllegalArgumentException ? USAGE : RUNTIME_FAILURE;
    }

    @Override
    public void run() {
        try {
            CompareCommand.compare(ConfigLoader.load("demo", Map.of()), null, List.of(), null, ResumePolicy.NEW_RUN, Path.of("runs", "data"),
                    Path.of("runs", "features"), List.of("dragn"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line as typed, for a run's provenance. */
    public static List<String> invocation(CommandLine.Model.CommandSpec command) {
        List<String> out = new ArrayList<>(List.of(command.root().name()));
        CommandLine.ParseResult r = command.commandLine().getParseResult();
        out.add(command.name());
        out.addAll(r.originalArgs().subList(Math.min(r.originalArgs().size(), 1), r.originalArgs().size()));
        return out;
    }
}
