package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.experiment.testing.TinyRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every error names its subject (the file, with its line where there is one) in one line and ends
 * without a stack trace; --verbose, before or after the subcommand, adds the stack trace.
 */
class ErrorMessagesTest {

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void manifest() throws IOException {
        data = dir.resolve("data");
        TinyRuns.manifest(data);
    }

    /** A failure nobody foresaw, as a command would meet it. */
    @Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("index 3 out of bounds for length 3");
        }
    }

    private static CliRuns.Run withFailingCommand(String... args) {
        CommandLine cli = DragnCli.commandLine();
        cli.addSubcommand(new CommandLine(new Failing()));
        return CliRuns.run(cli, args);
    }

    /** "error: ...", nothing else unless said, no stack trace. */
    private static void assertOneLineError(CliRuns.Run r, int exitCode, String message) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exitCode);
        assertThat(r.err()).doesNotContain("\tat ").isEqualTo("error: " + message + System.lineSeparator());
    }

    @Test
    void anUnexpectedFailureIsOneLineAndAHintNotAStackTrace() {
        CliRuns.Run r = withFailingCommand("fail");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly("error: index 3 out of bounds for length 3",
                "(an unexpected failure: run again with --verbose for the stack trace)");
    }

    @Test
    void verboseBeforeOrAfterTheSubcommandAddsTheStackTrace() {
        for (List<String> args : List.of(List.of("fail", "--verbose"), List.of("--verbose", "fail"))) {
            CliRuns.Run r = withFailingCommand(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(args.toString()).isEqualTo(1);
            assertThat(r.err()).as(args.toString()).startsWith("error: index 3 out of bounds for length 3")
                    .contains("java.lang.IllegalStateException").contains("\tat org.dragnj.cli.ErrorMessagesTest$Failing.call");
        }
    }

    @Test
    void aModelFileThatIsNotAZipIsNamed() throws IOException {
        Path model = Files.writeString(dir.resolve("model.zip"), "not a model");
        CliRuns.Run r = CliRuns.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--out",
                dir.resolve("eval").toString());
        assertOneLineError(r, 3, model + " is not a DRAGN-J model file (not a zip archive: zip END header not found);"
                + " it may be cut short (an interrupted copy or download): copy it again, or pass another model");

        CliRuns.Run verbose = CliRuns.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--out",
                dir.resolve("eval").toString(), "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(3);
        assertThat(verbose.err()).contains("java.util.zip.ZipException: zip END header not found").contains("\tat ");
    }

    @Test
    void aConfigWithAYamlSyntaxErrorIsNamedWithItsLine() throws IOException {
        Path config = Files.writeString(dir.resolve("broken.yaml"), "name: broken\ntraining:\n  epochs: [1\n");
        CliRuns.Run r = CliRuns.run("train", "--config", config.toString(), "--data", data.toString(), "--out",
                dir.resolve("broken-run").toString());
        assertOneLineError(r, 2, config + ":4:1: not valid YAML (while parsing a flow sequence; expected ',' or ']', but"
                + " got <stream end>); fix the file (YAML: 'key: value' lines, nested keys indented by spaces, no tabs)");
    }

    @Test
    void aBrokenQuoteInBagsCsvIsNamedWithItsLine() throws IOException {
        Path spoilt = dir.resolve("quote");
        TinyRuns.manifest(spoilt);
        Path bags = spoilt.resolve(Manifest.BAGS_FILE);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(bags));
        lines.set(2, "\"" + lines.get(2));
        Files.write(bags, lines);
        CliRuns.Run r = CliRuns.run("train", "--data", spoilt.toString(), "--input-size", "16x16", "--out",
                dir.resolve("quote-run").toString());
        assertOneLineError(r, 3, bags + ":3: not valid CSV (EOF reached before encapsulated token finished); a field"
                + " that starts with a quote (\") must end with one, and a quote inside it is written twice (\"\")");
    }

    @Test
    void aBrokenQuoteInAScoresFileIsNamedWithItsLine() throws IOException {
        Path scores = Files.writeString(dir.resolve("scores.csv"), "bag_id,a,b,c\n\"bag-32,0.1,0.2,0.3\n");
        CliRuns.Run r = CliRuns.run("metrics", "--scores", scores.toString(), "--data", data.toString(), "--out",
                dir.resolve("metrics").toString());
        assertOneLineError(r, 3, scores + ":2: not valid CSV (EOF reached before encapsulated token finished); a field"
                + " that starts with a quote (\") must end with one, and a quote inside it is written twice (\"\")");
    }

    @Test
    void aFileInTheWayOfTheRunFolderIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        CliRuns.Run r = CliRuns.run("train", "--data", data.toString(), "--input-size", "16x16", "--out", file.toString());
        // the run's lock is the first thing written there
        assertOneLineError(r, 1, file + ": a file is in the way of a folder to create there; choose another path or"
                + " move the file");
    }

    @Test
    void aMissingScoresFileSaysSo() {
        Path missing = dir.resolve("no-such-scores.csv");
        CliRuns.Run r = CliRuns.run("metrics", "--scores", missing.toString(), "--data", data.toString(), "--out",
                dir.resolve("metrics").toString());
        assertOneLineError(r, 3, missing + ": no such file or folder");
    }
}
