package org.dragnj.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.experiment.run.RunFolderInUseException;
import org.dragnj.experiment.run.RunLock;
import org.dragnj.experiment.testing.TinyRuns;
import org.dragnj.experiment.training.TrainingDivergedException;
import org.dragnj.model.DragnModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * What keeps a run folder trustworthy: one owner at a time, a resume only onto the data, config and
 * model the checkpoint was made with (or a recorded exception), and a divergence that leaves finite
 * weights behind.
 */
class RunSafetyTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunIntoAFolderInUseIsRefusedAndWritesNothing() throws IOException {
        Manifest manifest = TinyRuns.manifest(dir.resolve("data"));
        Path folder = dir.resolve("run");
        try (RunLock first = RunLock.acquire(folder, List.of("dragn", "train", "--out", "run"))) {
            assertThatThrownBy(() -> Experiment.run(TinyRuns.config(manifest.folder()), manifest, folder,
                    ResumePolicy.NEW_RUN, dir.resolve("features"), List.of("test"), ProgressListener.NONE))
                    .isInstanceOf(RunFolderInUseException.class)
                    .hasMessage(folder + " is in use by another run (another run in this process); two runs writing"
                            + " into one folder would mix their files: wait for it to end, or choose another --out");
        }
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty(); // the lock file went with its owner; nothing else was written
        }
    }

    @Test
    void aResumeOnAChangedManifestIsRefusedWithTheDifferenceOrAllowedAndRecorded() throws IOException {
        Manifest manifest = TinyRuns.manifest(dir.resolve("data"));
        ExperimentConfig config = TinyRuns.config(manifest.folder());
        Path run = dir.resolve("run");
        assertThatThrownBy(() -> Experiment.run(config, manifest, run, ResumePolicy.NEW_RUN, dir.resolve("f"),
                List.of("test"), ResumeTest.killAt(2, 0))).isInstanceOf(ResumeTest.Killed.class);
        Path bags = manifest.folder().resolve(Manifest.BAGS_FILE);
        List<String> rows = Files.readAllLines(bags);
        Files.write(bags, rows.subList(0, rows.size() - 3)); // three test bags removed
        Manifest changed = new Manifest(manifest.folder(), manifest.classes(),
                manifest.bags().subList(0, manifest.bags().size() - 3));

        assertThatThrownBy(() -> Experiment.run(config, changed, run, ResumePolicy.RESUME, dir.resolve("f"),
                List.of("test"), ProgressListener.NONE)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("cannot resume " + run + ": it differs from its checkpoint " + run
                        + "/checkpoints/last.zip:\n  manifest " + manifest.folder() + ": bags.csv or classes.txt changed"
                        + " since the run started (sha256 ")
                .hasMessageEndingWith("add --allow-changed-data (it is recorded)");

        ExperimentConfig otherRate = TinyRuns.config(manifest.folder(), "training.learning_rate", "0.01");
        assertThatThrownBy(() -> Experiment.run(otherRate, changed, run, ResumePolicy.RESUME_ALLOW_CHANGED_DATA,
                dir.resolve("f"), List.of("test"), ProgressListener.NONE)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("\n  config training.learning_rate: 0.003 → 0.01 (run → now)\n")
                .hasMessageNotContaining("manifest") // allowed, so not listed among the refusals
                .hasMessageNotContaining("--allow-changed-data");

        // a run started before a config key existed (here: divergence_factor) is not refused for lacking it
        Path yaml = run.resolve("config.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceAll("\\n *divergence_factor: [0-9.]+", ""));
        assertThat(Files.readString(yaml)).doesNotContain("divergence_factor");
        Experiment.Outcome o = Experiment.run(config, changed, run, ResumePolicy.RESUME_ALLOW_CHANGED_DATA,
                dir.resolve("f"), List.of("test"), ProgressListener.NONE);
        assertThat(o.state().history()).hasSize(2);
        String note = DragnModel.provenance(run.resolve("checkpoints/last.zip")).notes().get(0);
        assertThat(note).startsWith("resumed with --allow-changed-data at epoch 2: manifest " + manifest.folder());
        assertThat(Files.readString(run.resolve("provenance.json"))).contains("resumed with --allow-changed-data");
    }

    @Test
    void aDivergedRunStopsAndLeavesOnlyFiniteWeights() throws IOException {
        Manifest manifest = TinyRuns.manifest(dir.resolve("data"));
        ExperimentConfig config = TinyRuns.config(manifest.folder(), "training.learning_rate", "50",
                "training.checkpoint_every_batches", "1");
        Path run = dir.resolve("run");
        assertThatThrownBy(() -> Experiment.run(config, manifest, run, ResumePolicy.NEW_RUN, dir.resolve("f"),
                List.of("test"), ProgressListener.NONE)).isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("training diverged at epoch 1, batch ")
                .hasMessageContaining("The last finite state is kept in " + run.resolve("checkpoints/last.zip"))
                .hasMessageEndingWith("Resuming would diverge again: lower the learning rate (now 50.0) and start a"
                        + " new run");
        var params = DragnModel.load(run.resolve("checkpoints/last.zip")).graph().params();
        assertThat(BooleanIndexing.or(params, Conditions.isNan())).isFalse();
        assertThat(BooleanIndexing.or(params, Conditions.isInfinite())).isFalse();
        assertThat(Files.readAllLines(run.resolve("config.yaml")).stream().collect(Collectors.joining("\n")))
                .contains("divergence_factor: 4.0");
    }
}
