package org.dragnj.model.testing;

import java.util.HashSet;
import java.util.Set;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Finite-difference checks of every gradient of a model's graph on one batch (double precision,
 * eps 1e-6, max relative error 1e-3, absolute errors below 1e-8 ignored). BatchNorm running
 * statistics of the DRAGN unit hold running-average updates, not gradients, and are left out.
 */
public final class GradientChecks {

    private GradientChecks() {
    }

    public static boolean pass(DragnModel model, BagBatch batch) {
        Set<String> exclude = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            exclude.add(ModelGraphFactory.AGGREGATE + "_" + UnitArchitecture.runningMean(i));
            exclude.add(ModelGraphFactory.AGGREGATE + "_" + UnitArchitecture.runningVar(i));
        }
        MultiDataSet data = model.trainingData(batch);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(model.graph())
                .inputs(data.getFeatures())
                .labels(data.getLabels())
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-8)
                .excludeParams(exclude)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }
}
