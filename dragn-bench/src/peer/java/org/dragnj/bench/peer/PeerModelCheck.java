package org.dragnj.bench.peer;

import java.util.Locale;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Evidence that the peer computes the same model as DL4J: both start from DL4J's weights and see the
 * same batch, then
 * <ol>
 *   <li>the inference outputs (DL4J through {@link DragnModel#forInference()}, BatchNorm folded; DJL in
 *       eval mode) agree to {@value #OUTPUT_TOLERANCE} absolute per probability;</li>
 *   <li>the training losses of the first step (batch statistics) agree to {@value #LOSS_TOLERANCE} relative;</li>
 *   <li>the losses of a second step, after each framework's own backward pass and Adam update, are
 *       reported (gradients and optimizer: Adam's first step moves every weight by about ±lr whatever the
 *       gradient's size, so this loss agrees only as far as tiny gradients keep their sign) and must agree
 *       to {@value #STEP_TOLERANCE} relative.</li>
 * </ol>
 * Before the comparison every BatchNorm's γ, β and running statistics (trunk and DRAGN unit) are set to
 * random values, so that a parameter copied to the wrong place, or running statistics not used at
 * inference, cannot hide behind the initial γ = 1, β = 0, mean 0, variance 1; and the DRAGN unit's
 * weights and biases get random offsets, because its initial window mean weighs the three instances of a
 * window alike and would hide windows stacked in the wrong order.
 */
final class PeerModelCheck {

    static final double OUTPUT_TOLERANCE = 1e-4;
    static final double LOSS_TOLERANCE = 1e-4;
    static final double STEP_TOLERANCE = 1e-3;

    /** What both frameworks computed for one model. */
    record Result(PeerModel model, double dl4jLoss, double torchLoss, double maxOutputDifference,
            double dl4jSecondLoss, double torchSecondLoss) {

        double lossRelativeDifference() {
            return relative(dl4jLoss, torchLoss);
        }

        double secondLossRelativeDifference() {
            return relative(dl4jSecondLoss, torchSecondLoss);
        }

        boolean passes() {
            return maxOutputDifference <= OUTPUT_TOLERANCE && lossRelativeDifference() <= LOSS_TOLERANCE
                    && secondLossRelativeDifference() <= STEP_TOLERANCE;
        }

        String describe() {
            return String.format(Locale.ROOT, "%s: loss DL4J %.7f, PyTorch %.7f (rel. diff %.1e, limit %.0e); "
                    + "second-step loss %.7f vs %.7f (%.1e, limit %.0e); inference max |Δp| %.1e (limit %.0e)",
                    model, dl4jLoss, torchLoss, lossRelativeDifference(), LOSS_TOLERANCE, dl4jSecondLoss,
                    torchSecondLoss, secondLossRelativeDifference(), STEP_TOLERANCE, maxOutputDifference,
                    OUTPUT_TOLERANCE);
        }
    }

    private PeerModelCheck() {
    }

    /** Runs the comparison; does not judge it (see {@link #require}). */
    static Result run(PeerModel model) {
        DragnModel dl4j = DragnModel.create(model.spec());
        randomizeBatchNormAndUnit(dl4j.graph(), new SplittableRandom(11));
        BagBatch batch = model.batch(PeerModel.BATCH_SEED);
        try (DjlPeerModel peer = new DjlPeerModel(model, dl4j.graph(), batch)) {
            // Inference first: a training pass moves DJL's running statistics in place.
            float[] expected = dl4j.forInference().predict(batch).castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] actual = peer.predict();
            double maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
            }
            double dl4jLoss = dl4j.fit(batch);
            double torchLoss = peer.trainStep();
            double dl4jSecond = dl4j.fit(batch);
            double torchSecond = peer.trainStep();
            return new Result(model, dl4jLoss, torchLoss, maxDiff, dl4jSecond, torchSecond);
        }
    }

    /** The result, or an exception naming what disagrees. */
    static Result require(PeerModel model) {
        Result r = run(model);
        if (!r.passes()) {
            throw new IllegalStateException("the DJL/PyTorch peer does not compute the same model as DL4J: "
                    + r.describe());
        }
        return r;
    }

    private static void randomizeBatchNormAndUnit(ComputationGraph graph, SplittableRandom rnd) {
        for (Layer layer : graph.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization bn) {
                uniform(layer.getParam(BatchNormalizationParamInitializer.GAMMA), 0.8, 1.2, rnd);
                uniform(layer.getParam(BatchNormalizationParamInitializer.BETA), -0.1, 0.1, rnd);
                uniform(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN), -0.1, 0.1, rnd);
                if (bn.isUseLogStd()) {
                    // log10 σ for variances in [0.5, 2]
                    uniform(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD), -0.075, 0.15, rnd);
                } else {
                    uniform(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR), 0.5, 2, rnd);
                }
            }
        }
        GraphVertex unit = graph.getVertex(ModelGraphFactory.AGGREGATE);
        for (int k = 0; unit != null && unit.paramTable(false).containsKey(UnitArchitecture.weight(k)); k++) {
            offset(unit.paramTable(false).get(UnitArchitecture.weight(k)), 0.1, rnd);
            offset(unit.paramTable(false).get(UnitArchitecture.bias(k)), 0.1, rnd);
        }
        for (int k = 0; unit != null && unit.paramTable(false).containsKey(UnitArchitecture.gamma(k)); k++) {
            var p = unit.paramTable(false);
            uniform(p.get(UnitArchitecture.gamma(k)), 0.8, 1.2, rnd);
            uniform(p.get(UnitArchitecture.beta(k)), -0.1, 0.1, rnd);
            uniform(p.get(UnitArchitecture.runningMean(k)), -0.1, 0.1, rnd);
            uniform(p.get(UnitArchitecture.runningVar(k)), 0.5, 2, rnd);
        }
    }

    private static void uniform(INDArray view, double lo, double hi, SplittableRandom rnd) {
        for (long i = 0; i < view.length(); i++) {
            view.putScalar(i, lo + (hi - lo) * rnd.nextDouble());
        }
    }

    private static void offset(INDArray view, double amplitude, SplittableRandom rnd) {
        INDArray flat = view.reshape(view.length());
        for (long i = 0; i < flat.length(); i++) {
            flat.putScalar(i, flat.getDouble(i) + amplitude * (2 * rnd.nextDouble() - 1));
        }
    }

    static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }
}
