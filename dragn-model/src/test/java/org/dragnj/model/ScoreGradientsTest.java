package org.dragnj.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.BagLayout;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.DoublePrecision;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.testing.TinyTrunk;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of a predicted probability with respect to an instance equals the central finite
 * difference of {@link BagClassifier#predict} (double precision, step 1e-6, relative error 1e-5 above the
 * difference quotient's rounding error),
 * on trunk features (a frozen trunk's head) and, for a trunk without BatchNorm, on the pixels.
 */
@ExtendWith(DoublePrecision.class)
class ScoreGradientsTest {

    private static final int IMAGE = 5;
    private static final int LABELS = 3;
    private static final int[] LENGTHS = {4, 1, 6};

    private static DragnModel model(Aggregation aggregation, AggregationMode mode) {
        boolean unitBatchNorm = aggregation == Aggregation.DRAGN_L2;
        DragnModel model = DragnModel.create(Specs.gradientCheck(aggregation, unitBatchNorm, mode, IMAGE, LABELS),
                new TinyTrunk(3));
        if (unitBatchNorm) {
            // running statistics away from (0, 1), so that a gradient through batch statistics would show
            model.fit(RandomBags.batch(DataType.DOUBLE, 3, 3, IMAGE, IMAGE, LABELS, 5, 5));
        }
        return model;
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"DRAGN_L1", "DRAGN_L2", "MEAN", "MAX", "GATED_ATTENTION", "NAN",
            "SINGLE_INSTANCE"})
    void theGradientOnTrunkFeaturesIsTheFiniteDifferenceOfTheHeadsScore(Aggregation aggregation) {
        FrozenTrunk split = FrozenTrunk.of(model(aggregation, AggregationMode.POST), new TinyTrunk(3));
        BagBatch images = RandomBags.batch(DataType.DOUBLE, 7, 3, IMAGE, IMAGE, LABELS, LENGTHS);
        // dup: the perturbations below write through a reshaped view, which needs a 'c'-ordered array
        BagBatch features = new BagBatch(images.bagIds(), split.features(images.instances()).dup('c'),
                images.bagMask(), images.labels());
        assertMatchesFiniteDifferences(split.head(), features);
    }

    @ParameterizedTest
    @EnumSource(value = AggregationMode.class)
    void theGradientOnPixelsIsTheFiniteDifferenceOfTheModelsScore(AggregationMode mode) {
        DragnModel model = model(Aggregation.DRAGN_L1, mode);
        assertMatchesFiniteDifferences(model, RandomBags.batch(DataType.DOUBLE, 8, 3, IMAGE, IMAGE, LABELS, LENGTHS));
    }

    @Test
    void aTrunkWithBatchNormIsRefusedWithWhereToTakeTheGradientInstead() {
        DragnModel model = DragnModel.create(Specs.gradientCheck(Aggregation.MEAN, false, AggregationMode.POST, 8,
                LABELS));
        assertThat(model.spec().trunk()).isEqualTo(Trunk.SMALL_CNN);
        assertThatThrownBy(() -> ScoreGradients.of(model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BatchNormalization").hasMessageContaining("FrozenTrunk");
    }

    private static void assertMatchesFiniteDifferences(BagClassifier classifier, BagBatch batch) {
        List<INDArray> gradients = ScoreGradients.of(classifier).gradients(batch);
        assertThat(gradients).hasSize(LABELS);
        INDArray flat = batch.instances().reshape(batch.instances().size(0), -1);
        assertThat(flat.isView() || flat.data() == batch.instances().data()).as("a view of the instances").isTrue();
        BagLayout layout = batch.layout();
        SplittableRandom rnd = new SplittableRandom(5);
        double eps = 1e-6;
        int checked = 0;
        for (int t = 0; t < 40; t++) {
            int row = rnd.nextInt((int) flat.size(0));
            int col = rnd.nextInt((int) flat.size(1));
            int bag = bagOf(layout, row);
            double x = flat.getDouble(row, col);
            flat.putScalar(row, col, x + eps);
            INDArray plus = classifier.predict(batch).dup();
            flat.putScalar(row, col, x - eps);
            INDArray minus = classifier.predict(batch).dup();
            flat.putScalar(row, col, x);
            for (int k = 0; k < LABELS; k++) {
                double numeric = (plus.getDouble(bag, k) - minus.getDouble(bag, k)) / (2 * eps);
                double analytic = gradients.get(k).reshape(flat.shape()).getDouble(row, col);
                double scale = Math.max(Math.abs(numeric), Math.abs(analytic));
                if (scale < 1e-8) {
                    continue; // both zero (an instance the maximum did not pick); nothing to compare
                }
                // 1e-10: the rounding error of a difference quotient with step 1e-6 of values near 1
                assertThat(Math.abs(analytic - numeric)).as("label %d, instance %d, element %d: %g vs %g", k,
                        row, col, analytic, numeric).isLessThan(1e-5 * scale + 1e-10);
                checked++;
            }
        }
        assertThat(checked).as("non-zero gradients compared").isGreaterThan(20);
    }

    private static int bagOf(BagLayout layout, int row) {
        int b = 0;
        while (row >= layout.offset(b) + layout.length(b)) {
            b++;
        }
        return b;
    }
}
