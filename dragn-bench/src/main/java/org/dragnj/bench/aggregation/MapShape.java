package org.dragnj.bench.aggregation;

import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.trunk.Trunk;

/**
 * A feature-map shape parameter: "CxHxW" (e.g. 512x6x10), or "TRUNK@HxW" (e.g. ZOO_RESNET50@512x512),
 * the output shape of that trunk on an H×W RGB image as the DL4J graph computes it.
 */
public final class MapShape {

    private MapShape() {
    }

    public static long[] parse(String map) {
        int at = map.indexOf('@');
        if (at >= 0) {
            long[] hw = dims(map.substring(at + 1), 2, map);
            return trunkOutput(Trunk.valueOf(map.substring(0, at).toUpperCase(Locale.ROOT)), Math.toIntExact(hw[0]),
                    Math.toIntExact(hw[1]));
        }
        return dims(map, 3, map);
    }

    /** "CxHxW". */
    public static String format(long[] shape) {
        return shape[0] + "x" + shape[1] + "x" + shape[2];
    }

    /** [C, h, w] of a trunk's feature maps for an RGB image of height × width, from the graph configuration. */
    public static long[] trunkOutput(Trunk trunk, int height, int width) {
        ModelSpec spec = ModelSpec.builder().setTrunk(trunk).setLabels(List.of("label")).setInputSize(height, width)
                .build();
        ComputationGraphConfiguration conf = ModelGraphFactory.configureTrunk(spec, trunk);
        InputType out = conf.getLayerActivationTypes(InputType.convolutional(height, width, spec.inputChannels()))
                .get(conf.getNetworkOutputs().get(0));
        return out.getShape(false);
    }

    private static long[] dims(String s, int count, String whole) {
        String[] parts = s.split("x");
        if (parts.length != count) {
            throw new IllegalArgumentException("map shape must be CxHxW or TRUNK@HxW, got " + whole);
        }
        long[] d = new long[count];
        for (int i = 0; i < count; i++) {
            d[i] = Long.parseLong(parts[i].trim());
        }
        return d;
    }
}
