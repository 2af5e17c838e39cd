package org.dragnj.spark.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.spark.api.java.JavaSparkContext;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.experiment.DataSource;
import org.dragnj.experiment.Experiment;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.experiment.testing.TinyRuns;
import org.dragnj.experiment.testing.TwoReplicaStep;
import org.dragnj.experiment.training.Checkpoints;
import org.dragnj.experiment.training.Trainer;
import org.dragnj.experiment.training.TrainingState;
import org.dragnj.model.DragnModel;
import org.dragnj.spark.SparkTestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on Spark is DL4J's parameter averaging over whole bag batches: the arithmetic of
 * averaging independent steps, and a normal run folder around it.
 */
class SparkParameterAveragingTest {

    @TempDir
    Path dir;

    /** Two replicas in separate executor JVMs, one step each from the same weights, then their average. */
    @Test
    void twoExecutorsTakeTheAverageOfTwoIndependentSteps() throws IOException {
        TwoReplicaStep s = TwoReplicaStep.prepare(dir);
        TrainingState end;
        try (JavaSparkContext sc = SparkTestContexts.start("local-cluster[2,1,1024]")) {
            end = new Trainer(s.config().training(), s.config().evaluation(), new Checkpoints(dir.resolve("ckpt")),
                    ProgressListener.NONE, Optional.of(new SparkParameterAveraging(sc, 2, 1, 7)))
                    .run(s.target(), TrainingState.start(s.config().training().learningRate()), st -> { });
        }
        assertThat(s.model().graph().params().equalsWithEps(s.expected(), 1e-6)).isTrue();
        // the trainer heard both steps' data losses (the epoch's train loss is their mean)
        assertThat(end.history().get(0).trainLoss()).isCloseTo((s.losses()[0] + s.losses()[1]) / 2, offset(1e-5));
    }

    /**
     * A DRAGN run on Spark (bags of several lengths, Adam, two epochs) leaves the run folder of a
     * normal run, says in its provenance how it was trained, and learns: its training loss falls.
     */
    @Test
    void aRunOnSparkLeavesANormalRunFolder() throws IOException {
        Manifest manifest = TinyRuns.manifest(dir.resolve("data"));
        ExperimentConfig config = TinyRuns.config(manifest.folder(), "training.epochs", "3");
        Experiment.Outcome o;
        try (JavaSparkContext sc = SparkTestContexts.start("local[2]")) {
            o = Experiment.run(config, DataSource.Loaded.of(manifest), dir.resolve("run"), ResumePolicy.NEW_RUN, dir.resolve("features"),
                    List.of("dragn-spark", "train"), ProgressListener.NONE,
                    Optional.of(new SparkParameterAveraging(sc, 2, 1, 7)));
        }
        Path run = dir.resolve("run");
        for (String file : List.of("config.yaml", "provenance.json", "history.csv", "checkpoints/best.zip",
                "checkpoints/last.zip", "test/metrics.json")) {
            assertThat(run.resolve(file)).as(file).isRegularFile();
        }
        assertThat(Files.readString(run.resolve("provenance.json"))).contains("Spark parameter averaging");
        assertThat(o.state().history()).hasSize(3);
        assertThat(o.state().history().get(2).trainLoss()).isLessThan(o.state().history().get(0).trainLoss());
        assertThat(DragnModel.load(run.resolve("checkpoints/best.zip")).provenance().notes())
                .anyMatch(n -> n.contains("2 replicas"));
    }
}
