package org.dragnj.model.testing;

import java.util.List;

import org.dragnj.model.AggregationMode;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.dragn.UnitInit;
import org.dragnj.model.trunk.Trunk;
import org.nd4j.linalg.api.buffer.DataType;

/** Model specs used across the test suites. */
public final class Specs {

    private Specs() {
    }

    /** Double precision, no updater: what DL4J's gradient checker needs. */
    public static ModelSpec gradientCheck(Aggregation aggregation, boolean unitBatchNorm, AggregationMode mode,
            int imageSize, int labels) {
        return ModelSpec.builder()
                .setTrunk(Trunk.SMALL_CNN)
                .setLabels(labels(labels))
                .setInputSize(imageSize, imageSize)
                .optAggregation(aggregation)
                .optUnitBatchNorm(unitBatchNorm)
                .optUnitInit(UnitInit.UNIFORM) // random unit weights: no symmetry to hide an error behind
                .optMode(mode)
                .optOptimizer(OptimizerSpec.none())
                .optDataType(DataType.DOUBLE)
                .optSeed(12345)
                .build();
    }

    public static List<String> labels(int k) {
        return java.util.stream.IntStream.range(0, k).mapToObj(i -> "label" + i).toList();
    }
}
