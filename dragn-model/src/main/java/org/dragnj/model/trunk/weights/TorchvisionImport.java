package org.dragnj.model.trunk.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a torchvision-layout {@link StateDict} (torchvision's and timm's ResNets) into the trunk
 * layers of a graph whose layer names are torchvision's module names ({@code layer2.0.conv1}):
 * a convolution's {@code weight} (OIHW in both) and {@code bias}; a BatchNorm's {@code weight} (γ),
 * {@code bias} (β), {@code running_mean} and {@code running_var} (DL4J keeps log10 of the standard
 * deviation, so the variance is converted). {@code num_batches_tracked} has no DL4J counterpart and
 * the classifier ({@code fc.*}) is not part of a trunk: both are dropped.
 *
 * <p>Nothing is copied unless everything matches: a missing, extra or differently shaped tensor is
 * an error that lists all of them.
 */
public final class TorchvisionImport {

    private static final Logger LOG = LoggerFactory.getLogger(TorchvisionImport.class);
    private static final Pattern CLASSIFIER = Pattern.compile("fc\\.(weight|bias)");
    private static final Pattern BATCH_COUNT = Pattern.compile(".*\\.num_batches_tracked");
    private static final Pattern BLOCK = Pattern.compile("layer(\\d)\\.(\\d+)\\.conv(\\d)\\.weight");

    private TorchvisionImport() {
    }

    /** Where a state-dict entry goes: layer, parameter, expected shape, and the conversion on the way. */
    record Target(String layer, String param, long[] shape, UnaryOperator<INDArray> convert) {
    }

    /**
     * Copies {@code weights} into {@code graph}'s layers named in {@code trunkLayers}.
     *
     * @return how many tensors were copied
     * @throws TrunkWeightsMismatchException listing every missing, unexpected and misshapen tensor
     */
    public static int copy(StateDict weights, ComputationGraph graph, Set<String> trunkLayers) {
        Map<String, Target> expected = targets(graph, trunkLayers);
        List<String> missing = new ArrayList<>();
        List<String> misshapen = new ArrayList<>();
        for (Map.Entry<String, Target> e : expected.entrySet()) {
            INDArray tensor = weights.tensors().get(e.getKey());
            if (tensor == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(tensor.shape(), e.getValue().shape())) {
                misshapen.add(e.getKey() + ": file " + Arrays.toString(tensor.shape()) + ", trunk "
                        + Arrays.toString(e.getValue().shape()));
            }
        }
        List<String> dropped = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String name : weights.tensors().keySet()) {
            if (!expected.containsKey(name)) {
                boolean droppable = CLASSIFIER.matcher(name).matches() || BATCH_COUNT.matcher(name).matches();
                (droppable ? dropped : unexpected).add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misshapen.isEmpty()) {
            throw new TrunkWeightsMismatchException(weights.source(), describe(weights.tensors().keySet()),
                    missing, unexpected, misshapen);
        }
        for (Map.Entry<String, Target> e : expected.entrySet()) {
            Target t = e.getValue();
            INDArray param = graph.getLayer(t.layer()).getParam(t.param());
            param.assign(t.convert().apply(weights.tensors().get(e.getKey()).castTo(param.dataType())));
        }
        LOG.info("Loaded {} tensors into the trunk from {} (dropped: {})", expected.size(), weights.source(),
                dropped.stream().filter(n -> !BATCH_COUNT.matcher(n).matches()).toList());
        return expected.size();
    }

    /** The state-dict names the graph's trunk layers take, in graph order. */
    static Map<String, Target> targets(ComputationGraph graph, Set<String> trunkLayers) {
        Map<String, Target> out = new LinkedHashMap<>();
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (!trunkLayers.contains(name)) {
                continue;
            }
            Map<String, INDArray> params = layer.paramTable();
            if (layer.conf().getLayer() instanceof ConvolutionLayer) {
                out.put(name + ".weight", same(name, ConvolutionParamInitializer.WEIGHT_KEY, params));
                if (params.containsKey(ConvolutionParamInitializer.BIAS_KEY)) {
                    // DL4J keeps a bias as [1, out]; torchvision as [out]
                    INDArray b = params.get(ConvolutionParamInitializer.BIAS_KEY);
                    out.put(name + ".bias", new Target(name, ConvolutionParamInitializer.BIAS_KEY,
                            new long[] {b.length()}, t -> t.reshape(b.shape())));
                }
            } else if (layer.conf().getLayer() instanceof BatchNormalization bn) {
                out.put(name + ".weight", vector(name, BatchNormalizationParamInitializer.GAMMA, params, t -> t));
                out.put(name + ".bias", vector(name, BatchNormalizationParamInitializer.BETA, params, t -> t));
                out.put(name + ".running_mean",
                        vector(name, BatchNormalizationParamInitializer.GLOBAL_MEAN, params, t -> t));
                out.put(name + ".running_var", bn.isUseLogStd()
                        ? vector(name, BatchNormalizationParamInitializer.GLOBAL_LOG_STD, params,
                                TorchvisionImport::log10StandardDeviation)
                        : vector(name, BatchNormalizationParamInitializer.GLOBAL_VAR, params, t -> t));
            } else if (layer.numParams() > 0) {
                throw new IllegalArgumentException("trunk layer " + name + " is a "
                        + layer.conf().getLayer().getClass().getSimpleName()
                        + ", which has no torchvision counterpart here");
            }
        }
        return out;
    }

    private static Target same(String layer, String param, Map<String, INDArray> params) {
        return new Target(layer, param, params.get(param).shape(), t -> t);
    }

    /** DL4J keeps BatchNorm vectors as [1, C]; torchvision as [C]. */
    private static Target vector(String layer, String param, Map<String, INDArray> params,
            UnaryOperator<INDArray> convert) {
        INDArray p = params.get(param);
        return new Target(layer, param, new long[] {p.length()}, t -> convert.apply(t).reshape(p.shape()));
    }

    /** log10(√var); a zero variance (a dead channel) gets the smallest positive float's instead of −∞. */
    private static INDArray log10StandardDeviation(INDArray variance) {
        // natural log and a division: Transforms.log(x, 10) does not compute log10 in ND4J M2.1
        return Transforms.log(Transforms.max(variance, Float.MIN_NORMAL, true), false).divi(2 * Math.log(10));
    }

    /**
     * What a state dict looks like, for a mismatch message: "a ResNet with basic blocks [2, 2, 2, 2]
     * (ResNet-18)" when its names are torchvision's, else its first names.
     */
    static String describe(Set<String> names) {
        Map<Integer, Integer> blocks = new TreeMap<>();
        boolean bottleneck = false;
        for (String name : names) {
            Matcher m = BLOCK.matcher(name);
            if (m.matches()) {
                blocks.merge(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) + 1, Math::max);
                bottleneck |= m.group(3).equals("3");
            }
        }
        if (blocks.isEmpty()) {
            List<String> first = names.stream().limit(5).toList();
            return "no torchvision ResNet names (first entries: " + first + (names.size() > 5 ? ", …" : "") + ")";
        }
        List<Integer> depths = new ArrayList<>(blocks.values());
        String known = bottleneck && depths.equals(List.of(3, 4, 6, 3)) ? " (ResNet-50)"
                : !bottleneck && depths.equals(List.of(2, 2, 2, 2)) ? " (ResNet-18)"
                : !bottleneck && depths.equals(List.of(3, 4, 6, 3)) ? " (ResNet-34)"
                : bottleneck && depths.equals(List.of(3, 4, 23, 3)) ? " (ResNet-101)" : "";
        return "a ResNet with " + (bottleneck ? "bottleneck" : "basic") + " blocks " + depths + known;
    }
}
