package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.dragnj.experiment.testing.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed while writing leaves hidden temporary files ({@code .<name>.<uuid>.tmp}); the next run of
 * the same command into the same folder removes them, and leaves the user's own files alone.
 */
class DebrisTest {

    @TempDir
    Path dir;

    /** What a kill during a write leaves: the target's hidden temporary sibling, from before this run. */
    private static Path leftOver(Path target, String suffix) throws IOException {
        Path file = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + suffix);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "half written");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(10, ChronoUnit.MINUTES)));
        return file;
    }

    private static Path usersFile(Path folder) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("notes.tmp"), "mine");
    }

    @Test
    void aKillDuringTheFirstCheckpointWriteLeavesNothingAfterTheNextRun() throws IOException {
        Path data = dir.resolve("data");
        TinyRuns.manifest(data);
        Path run = dir.resolve("run");
        Path last = run.resolve("checkpoints/last.zip");
        Path model = leftOver(last, ".tmp");
        Path dl4j = leftOver(last, ".dl4j.tmp");
        Path history = leftOver(run.resolve("history.csv"), ".tmp");
        Path notes = usersFile(run.resolve("checkpoints"));

        CliRuns.Run r = CliRuns.run("train", "--data", data.toString(), "--input-size", "16x16", "--epochs", "1",
                "--batch", "8", "--set", "evaluation.bootstrap=0", "--out", run.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(model).doesNotExist();
        assertThat(dl4j).doesNotExist();
        assertThat(history).doesNotExist();
        assertThat(notes).hasContent("mine");
        assertThat(last).isRegularFile();
    }

    @Test
    void aKillDuringSynthFlyexpressLeavesNothingAfterTheNextRun() throws IOException {
        Path out = dir.resolve("fly");
        Path image = leftOver(out.resolve("AT12172_s1_l_1.bmp"), ".tmp");
        Path notes = usersFile(out);

        CliRuns.Run r = CliRuns.run("synth", "flyexpress", "--out", out.toString(), "--genes", "1", "--threads", "1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(image).doesNotExist();
        assertThat(notes).hasContent("mine");
    }

    @Test
    void aKillDuringSynthHpaOrBaggingLeavesNothingAfterTheNextRun() throws IOException {
        Path hpa = dir.resolve("hpa");
        Path png = leftOver(hpa.resolve("images/p0_0_green.png"), ".tmp");
        Path grouping = leftOver(hpa.resolve("groups.csv"), ".tmp");
        Path notes = usersFile(hpa.resolve("images"));
        CliRuns.Run synth = CliRuns.run("synth", "hpa", "--out", hpa.toString(), "--bags", "2", "--size", "96",
                "--images-per-bag", "1", "--cells-per-image", "2", "--cell-radius", "0.1");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(png).doesNotExist();
        assertThat(grouping).doesNotExist();
        assertThat(notes).hasContent("mine");

        Path bags = dir.resolve("bags");
        Path manifest = leftOver(bags.resolve("bags.csv"), ".tmp");
        CliRuns.Run bag = CliRuns.run("bag-flyexpress", "--out", bags.toString());
        assertThat(bag.exitCode()).as(bag.err()).isZero();
        assertThat(manifest).doesNotExist();
    }
}
