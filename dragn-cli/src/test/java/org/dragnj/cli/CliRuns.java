package org.dragnj.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/** Runs dragn command lines inside the test JVM and captures what they print. */
public final class CliRuns {

    private CliRuns() {
    }

    /** What a command printed and returned. */
    public record Run(int exitCode, String out, String err) {
    }

    /**
     * Runs a dragn command line in this JVM, capturing standard output and the error stream, as if
     * started by a launcher called {@code dragn} (on the PATH), so that hints read "next: dragn …".
     */
    public static Run run(String... args) {
        return run(DragnCli.commandLine(), args);
    }

    /** {@link #run(String...)} on a given command line, e.g. {@link DragnCli#commandLine()} with a test subcommand added. */
    public static Run run(CommandLine commandLine, String... args) {
        System.setProperty(DataHints.LAUNCHER, "dragn");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = commandLine.setErr(new PrintWriter(err, true)).execute(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }
}
