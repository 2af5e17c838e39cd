package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.experiment.testing.TinyRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest with a missing image, an unknown label and an empty bag: training stops with one
 * message naming each problem's file, line and bag (no stack trace), or with --skip-bad leaves
 * those bags out, says so, and trains on the rest.
 */
class BadInputTest {

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void spoil() throws IOException {
        data = dir.resolve("data");
        TinyRuns.manifest(data);
        Path bags = data.resolve(Manifest.BAGS_FILE);
        List<String> lines = new ArrayList<>(Files.readAllLines(bags));
        // lines: header, then train bags; spoil three of them
        lines.set(1, lines.get(1).replaceFirst("images/bag-0/0.png", "images/bag-0/gone.png"));
        lines.set(2, lines.get(2).replaceFirst(",train,[^,]*,", ",train,no-such-label,"));
        lines.set(3, lines.get(3).replaceFirst(",train,([^,]*),.*$", ",train,$1,"));
        Files.write(bags, lines);
    }

    private static String[] train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--input-size", "16x16",
                "--epochs", "1", "--batch", "4", "--set", "evaluation.bootstrap=0", "--out",
                dir.resolve("run" + extra.length).toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void eachProblemIsNamedWithItsLineAndBagAndNoStackTrace() {
        CliRuns.Run r = CliRuns.run(train());
        assertThat(r.exitCode()).as("bad input data").isEqualTo(3);
        assertThat(r.err()).startsWith("error: 3 problem(s) in the manifest")
                .contains("bags.csv:2 bag 'bag-0': MISSING_IMAGE").contains("gone.png")
                .contains("bags.csv:3").contains("UNKNOWN_LABEL").contains("no-such-label")
                .contains("bags.csv:4").contains("EMPTY_BAG")
                .contains("--skip-bad")
                .doesNotContain("\tat org.");
    }

    @Test
    void skipBadLeavesTheBagsOutReportsThemAndTrains() throws IOException {
        CliRuns.Run r = CliRuns.run(train("--skip-bad"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        // a bag with a missing image goes whole (its label may come from that image), as the other two
        assertThat(r.out()).contains("read 40 bags, kept 37, skipped 3; problems: 1 UNKNOWN_LABEL, 1 MISSING_IMAGE,"
                + " 1 EMPTY_BAG").contains("test: macro AUC");
        assertThat(dir.resolve("run1/skipped_bags.txt")).content().contains("bag-0").contains("gone.png")
                .contains("bag-1").contains("UNKNOWN_LABEL");
    }
}
