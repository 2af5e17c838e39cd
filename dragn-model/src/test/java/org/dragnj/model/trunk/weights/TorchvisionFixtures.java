package org.dragnj.model.trunk.weights;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The files {@code src/test/python/make_torchvision_fixtures.py} writes with torchvision: narrow
 * ResNets (every width / 16, blocks [2, 1, 1, 1]) with their input and per-stage activations, the
 * full-size state-dict key lists, and small tensors of every dtype.
 */
final class TorchvisionFixtures {

    /** Stage name in the fixtures → the vertex of {@code TorchvisionResNetTrunk} whose output it is. */
    static final Map<String, String> STAGES = stages();

    static final int WIDTH_DIVISOR = 16;
    static final int[] BLOCKS = {2, 1, 1, 1};
    static final int HEIGHT = 45;
    static final int WIDTH = 61;

    private TorchvisionFixtures() {
    }

    private static Map<String, String> stages() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("stem", "maxpool");
        m.put("layer1", "layer1.1.relu");
        m.put("layer2", "layer2.0.relu");
        m.put("layer3", "layer3.0.relu");
        m.put("layer4", "layer4.0.relu");
        return m;
    }

    static Path file(String name) {
        URL url = TorchvisionFixtures.class.getResource("/org/dragnj/model/trunk/torchvision/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name
                    + "; regenerate with dragn-model/src/test/python/make_torchvision_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static INDArray npy(String name) {
        File f = file(name).toFile();
        return Nd4j.createFromNpyFile(f);
    }

    /** name → shape of a full-size torchvision state dict ({@code resnet18.keys.tsv}). */
    static Map<String, long[]> keys(String model) {
        Map<String, long[]> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file(model + ".keys.tsv"))) {
                String[] parts = line.split("\t", -1);
                long[] shape = parts[1].isEmpty() ? new long[0]
                        : java.util.Arrays.stream(parts[1].split(",")).mapToLong(Long::parseLong).toArray();
                out.put(parts[0], shape);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
