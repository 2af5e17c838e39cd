package org.dragnj.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.evaluation.BagPredictor;
import org.dragnj.experiment.evaluation.Evaluator;
import org.dragnj.experiment.evaluation.SavedModelInput;
import org.dragnj.experiment.features.FeatureCache;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.experiment.testing.TinyRuns;
import org.dragnj.model.DragnModel;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.model.aggregation.Aggregation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Frozen-trunk training: the same outputs as full training, features extracted once per trunk. */
class FrozenTrunkRunTest {

    @TempDir
    static Path dir;
    static Manifest manifest;

    @BeforeAll
    static void data() throws IOException {
        manifest = TinyRuns.manifest(dir.resolve("data"));
    }

    @Test
    void theSavedModelReadsImagesAndReproducesTheTestMetrics() throws IOException {
        ExperimentConfig config = TinyRuns.config(manifest.folder(), "training.frozen_trunk", "true");
        Path run = dir.resolve("run");
        Experiment.run(config, manifest, run, ResumePolicy.NEW_RUN, dir.resolve("cache"), List.of("test"), ProgressListener.NONE);
        SavedModelInput saved = SavedModelInput.open(run.resolve("checkpoints/best.zip"), manifest.folder(),
                Split.TEST, 8, 0, 42);
        Evaluator.write(dir.resolve("eval"), "best", BagPredictor.predict(saved.model(), saved.iterator(),
                ProgressListener.NONE), saved.manifest(), DecisionRule.THRESHOLD_05, null, 20, 42);
        TinyRuns.assertSameNumbers(dir.resolve("eval/metrics.json"), run.resolve("test/metrics.json"));
    }

    @Test
    void everyAggregationOnTheSameTrunkReusesTheExtractedFeatures() throws IOException {
        Path cache = dir.resolve("shared-cache");
        int[] extracted = new int[2];
        int i = 0;
        for (Aggregation a : List.of(Aggregation.DRAGN_L1, Aggregation.GATED_ATTENTION)) {
            ExperimentConfig config = TinyRuns.config(manifest.folder(), "model.aggregation", a.name());
            FrozenTrunk trunk = FrozenTrunk.of(DragnModel.create(Experiment.modelSpec(config, manifest)));
            FeatureCache.Prepared p = FeatureCache.prepare(trunk, manifest, manifest.bags(), cache, ProgressListener.NONE);
            extracted[i++] = p.extracted();
            assertThat(p.extracted() + p.reused()).isEqualTo(
                    (int) manifest.bags().stream().flatMap(b -> b.instances().stream()).distinct().count());

            // a cached row is the trunk's output for that image
            String instance = manifest.bags().get(0).instances().get(0);
            float[] cached = p.store().read(org.dragnj.datasets.features.FeatureStore.key(manifest, instance));
            INDArray image = new org.dragnj.datasets.iterator.BagIterator(manifest, List.of(manifest.bags().get(0)),
                    Experiment.loaderSpec(config).forEvaluation()).load(0, 0).instances();
            float[] direct = trunk.features(image).slice(0).dup().data().asFloat();
            assertThat(cached).containsExactly(direct, org.assertj.core.data.Offset.offset(1e-5f));
        }
        assertThat(extracted[0]).isGreaterThan(0);
        assertThat(extracted[1]).as("second aggregation, same trunk").isZero();
    }
}
