package org.dragnj.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.dragnj.bags.BagBatch;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FrozenTrunkTest {

    private static ModelSpec spec(Aggregation aggregation) {
        return ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(3)).setInputSize(16, 16)
                .optAggregation(aggregation).optUnitBatchNorm(aggregation == Aggregation.DRAGN_L3)
                .optOptimizer(OptimizerSpec.adam(1e-2)).optDataType(DataType.DOUBLE).optSeed(5).build();
    }

    private static BagBatch images(long seed) {
        return RandomBags.batch(DataType.DOUBLE, seed, 3, 16, 16, 3, 4, 1, 6);
    }

    /** The same bags with each instance replaced by its trunk features. */
    private static BagBatch features(FrozenTrunk split, BagBatch images) {
        return new BagBatch(images.bagIds(), split.features(images.instances()), images.bagMask(), images.labels());
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"DRAGN_L3", "MEAN", "GATED_ATTENTION", "SINGLE_INSTANCE"})
    void theHeadOnFeaturesPredictsWhatTheWholeModelPredictsOnImages(Aggregation aggregation) {
        DragnModel model = DragnModel.create(spec(aggregation));
        BagBatch batch = images(1);
        model.fit(batch); // BatchNorm running statistics move away from their initial values
        FrozenTrunk split = FrozenTrunk.of(model);
        assertThat(split.head().predict(features(split, batch)).equalsWithEps(model.predict(batch), 1e-12)).isTrue();
    }

    @Test
    void trainingTheHeadLeavesTheTrunkAndAssemblesIntoAModelThatReadsImages() {
        DragnModel model = DragnModel.create(spec(Aggregation.DRAGN_L3));
        FrozenTrunk split = FrozenTrunk.of(model);
        INDArray trunkBefore = trunkParams(model);
        INDArray headBefore = split.head().graph().params().dup();
        BagBatch batch = images(2);
        BagBatch onFeatures = features(split, batch);
        for (int i = 0; i < 3; i++) {
            split.head().fit(onFeatures);
        }
        assertThat(split.head().graph().params().equalsWithEps(headBefore, 1e-6)).isFalse();

        DragnModel whole = split.assemble();
        assertThat(trunkParams(whole)).isEqualTo(trunkBefore);
        assertThat(whole.predict(batch).equalsWithEps(split.head().predict(onFeatures), 1e-12)).isTrue();
    }

    @Test
    void optimizerStateRoundTripsSoAResumedHeadTakesTheSameSteps(@TempDir Path dir) throws IOException {
        DragnModel model = DragnModel.create(spec(Aggregation.DRAGN_L1));
        FrozenTrunk split = FrozenTrunk.of(model);
        BagBatch onFeatures = features(split, images(3));
        split.head().fit(onFeatures);
        split.head().fit(onFeatures);
        Path file = dir.resolve("m.zip");
        split.assemble().save(file);
        byte[] state = split.headUpdaterState();

        FrozenTrunk resumed = FrozenTrunk.of(DragnModel.load(file));
        resumed.restoreHeadUpdaterState(state);
        split.head().fit(onFeatures);
        resumed.head().fit(onFeatures);
        assertThat(resumed.head().graph().params().equalsWithEps(split.head().graph().params(), 1e-12)).isTrue();
    }

    @Test
    void theFingerprintFollowsTheTrunkParametersOnly() {
        DragnModel a = DragnModel.create(spec(Aggregation.DRAGN_L1));
        DragnModel b = DragnModel.create(spec(Aggregation.DRAGN_L1));
        String fa = FrozenTrunk.of(a).fingerprint();
        assertThat(FrozenTrunk.of(b).fingerprint()).isEqualTo(fa).hasSize(64);

        FrozenTrunk split = FrozenTrunk.of(b);
        split.head().fit(features(split, images(4)));
        assertThat(FrozenTrunk.of(split.assemble()).fingerprint()).as("head training").isEqualTo(fa);

        b.fit(images(4));
        assertThat(FrozenTrunk.of(b).fingerprint()).as("full training").isNotEqualTo(fa);
    }

    @Test
    void refusesPreAggregation() {
        DragnModel pre = DragnModel.create(spec(Aggregation.DRAGN_L1).toBuilder().optMode(AggregationMode.PRE).build());
        assertThatThrownBy(() -> FrozenTrunk.of(pre)).hasMessageContaining("POST");
    }

    /** Every parameter outside aggregation and head, concatenated. */
    private static INDArray trunkParams(DragnModel m) {
        return org.nd4j.linalg.factory.Nd4j.concat(0, java.util.Arrays.stream(m.graph().getVertices())
                .filter(v -> v.numParams() > 0)
                .filter(v -> !v.getVertexName().equals(ModelGraphFactory.AGGREGATE)
                        && !v.getVertexName().equals(ModelGraphFactory.HEAD))
                .map(v -> v.params().reshape(-1).dup()).toArray(INDArray[]::new));
    }
}
