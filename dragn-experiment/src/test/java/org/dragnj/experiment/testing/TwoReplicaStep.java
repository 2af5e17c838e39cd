package org.dragnj.experiment.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.datasets.iterator.BagLoaderSpec;
import org.dragnj.experiment.Experiment;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.training.TrainingTarget;
import org.dragnj.experiment.training.WholeModelTraining;
import org.dragnj.model.DragnModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fixture of the data-parallel tests: one epoch of exactly two batches, and what two replicas
 * averaging every step must end at — the mean of the weights after one independent step on each
 * batch from the same start — with the two steps' data losses.
 *
 * @param model the untrained model the trainer under test starts from
 * @param expected the mean of the two one-step models' weights
 */
public record TwoReplicaStep(ExperimentConfig config, DragnModel model, WholeModelTraining target, INDArray expected,
        double[] losses) {

    public static TwoReplicaStep prepare(Path dir) throws IOException {
        Manifest manifest = TinyRuns.manifest(dir.resolve("data"));
        // SGD, not Adam: Adam's first step is lr·sign(g), which turns the last-bit differences that
        // threaded oneDNN reductions leave in near-zero gradients into differences of size lr.
        ExperimentConfig config = TinyRuns.config(manifest.folder(), "training.epochs", "1", "data.max_bag_length",
                "2", "training.augmentation", "NONE", "training.optimizer", "SGD", "training.learning_rate", "0.1");
        // eight bags, all of length 2 after the cap: one bucket, two batches of four
        List<BagRecord> eight = manifest.bags(Split.TRAIN).subList(0, 8);
        BagLoaderSpec spec = Experiment.loaderSpec(config);
        BagIterator train = new BagIterator(manifest, eight, spec);
        assertThat(train.batchesPerEpoch()).isEqualTo(2);
        BagIterator val = new BagIterator(manifest, manifest.bags(Split.VAL), spec.forEvaluation());

        DragnModel model = DragnModel.create(Experiment.modelSpec(config, manifest));
        Path start = dir.resolve("start.zip");
        model.save(start);
        double[] losses = new double[2];
        INDArray expected;
        try (BagIterator.Epoch epoch = train.epoch(0)) {
            BagBatch first = epoch.next();
            BagBatch second = epoch.next();
            DragnModel a = DragnModel.load(start);
            DragnModel b = DragnModel.load(start);
            losses[0] = a.fit(first);
            losses[1] = b.fit(second);
            expected = a.graph().params().add(b.graph().params()).divi(2);
        }
        assertThat(model.graph().params().equalsWithEps(expected, 1e-4)).as("the steps move the weights").isFalse();
        return new TwoReplicaStep(config, model, new WholeModelTraining(model, new TrainingTarget.Bags(train, val, val)),
                expected, losses);
    }
}
