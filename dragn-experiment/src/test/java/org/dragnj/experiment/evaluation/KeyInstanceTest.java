package org.dragnj.experiment.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.dragnj.bags.Bag;
import org.dragnj.bags.BagBatch;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A task where one instance carries the label: a positive bag holds exactly one image with a red
 * motif among grey distractors. After a short training, importance must rank that instance first in
 * the bags the model calls positive.
 */
class KeyInstanceTest {

    private static final SyntheticBagSpec TASK = SyntheticBagSpec.builder().optClasses(1).optImageSize(16, 16)
            .optBagLengths(3, 5).optLabelProbability(0.5).optMaxEvidence(1).optMotifScale(0.4).optNoise(0.03)
            .optSeed(21).build();

    /** The instance with the red motif: the most pixels far redder than green and blue. */
    private static int keyInstance(Bag bag) {
        int best = -1;
        double most = -1;
        for (int i = 0; i < bag.length(); i++) {
            INDArray image = bag.instances().get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            INDArray redness = image.slice(0).sub(image.slice(1).add(image.slice(2)).div(2));
            double red = redness.gt(0.5).castTo(DataType.DOUBLE).sumNumber().doubleValue();
            if (red > most) {
                most = red;
                best = i;
            }
        }
        return best;
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"MAX", "DRAGN_L1"})
    void importanceRanksTheKeyInstanceFirst(Aggregation aggregation) {
        SyntheticBagGenerator generator = new SyntheticBagGenerator(TASK);
        DragnModel model = DragnModel.create(ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(List.of("red"))
                .setInputSize(16, 16).optAggregation(aggregation).optOptimizer(OptimizerSpec.adam(3e-3)).optSeed(3)
                .build());
        List<Bag> train = generator.bags(0, 96);
        for (int epoch = 0; epoch < 5; epoch++) {
            for (int from = 0; from < train.size(); from += 8) {
                model.fit(BagBatch.pack(train.subList(from, from + 8), DataType.FLOAT));
            }
        }
        InstanceImportance importance = InstanceImportance.of(model);
        int called = 0;
        int looFirst = 0;
        int gradientFirst = 0;
        for (Bag bag : generator.bags(1000, 40)) {
            if (bag.labels().getDouble(0) < 0.5) {
                continue;
            }
            BagImportance m = importance.measure(BagBatch.pack(List.of(bag), DataType.FLOAT)).get(0);
            if (m.scores()[0] < 0.5) {
                continue;
            }
            int key = keyInstance(bag);
            called++;
            looFirst += argmax(IntStream.range(0, m.length()).mapToDouble(i -> m.looChange(i, 0)).toArray()) == key
                    ? 1 : 0;
            gradientFirst += argmax(IntStream.range(0, m.length()).mapToDouble(i -> m.gradient()[i][0]).toArray())
                    == key ? 1 : 0;
        }
        System.out.printf("%s: %d positives called, key first by leave-one-out %d, by gradient %d%n", aggregation,
                called, looFirst, gradientFirst);
        assertThat(called).as("positive bags the model calls positive").isGreaterThanOrEqualTo(10);
        assertThat(looFirst).as("key instance first by leave-one-out").isEqualTo(called);
        assertThat(gradientFirst).as("key instance first by gradient × input").isGreaterThanOrEqualTo(called * 9 / 10);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
