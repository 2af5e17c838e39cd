package org.dragnj.spark.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.features.FeatureStore;
import org.dragnj.experiment.Experiment;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.features.FeatureCache;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.experiment.testing.TinyRuns;
import org.dragnj.model.DragnModel;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.spark.SparkTestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frozen-trunk feature cache filled by Spark executors equals the one filled in one JVM (to 1e-5),
 * and a frozen-trunk run on one machine then reads it without extracting anything.
 */
class DistributedExtractionTest {

    @TempDir
    Path dir;

    @Test
    void executorsFillTheSameCacheAndTrainingOnOneMachineReusesIt() throws IOException {
        Manifest manifest = TinyRuns.manifest(dir.resolve("data"));
        ExperimentConfig config = TinyRuns.config(manifest.folder(), "training.frozen_trunk", "true");
        FrozenTrunk trunk = FrozenTrunk.of(DragnModel.create(Experiment.modelSpec(config, manifest)));

        FeatureCache.Prepared here = FeatureCache.prepare(trunk, manifest, manifest.bags(), dir.resolve("here"),
                ProgressListener.NONE);
        FeatureCache.Prepared spark;
        try (JavaSparkContext sc = SparkTestContexts.start("local[2]")) {
            spark = FeatureCache.prepare(trunk, manifest, manifest.bags(), dir.resolve("spark"), ProgressListener.NONE,
                    new DistributedExtraction(sc, dir.resolve("staging").toUri()));
        }
        int images = manifest.bags().stream().mapToInt(b -> b.instances().size()).sum();
        assertThat(spark.extracted()).isEqualTo(here.extracted()).isEqualTo(images);
        FeatureStore a = here.store();
        FeatureStore b = spark.store();
        for (var bag : manifest.bags()) {
            for (String instance : bag.instances()) {
                String key = FeatureStore.key(manifest, instance);
                float[] x = a.read(key);
                float[] y = b.read(key);
                assertThat(y).hasSameSizeAs(x);
                for (int i = 0; i < x.length; i++) {
                    assertThat(Math.abs(x[i] - y[i])).as(key + "[" + i + "]").isLessThanOrEqualTo(1e-5f);
                }
            }
        }
        assertThat(dir.resolve("staging")).isEmptyDirectory(); // the shards were merged and removed

        Experiment.Outcome o = Experiment.run(config, manifest, dir.resolve("run"), ResumePolicy.NEW_RUN,
                dir.resolve("spark"), List.of("test"), ProgressListener.NONE);
        assertThat(o.state().history()).hasSize(2);
        assertThat(FeatureStore.open(b.folder(), trunk.featureShape()).size()).isEqualTo(images); // nothing added
    }
}
