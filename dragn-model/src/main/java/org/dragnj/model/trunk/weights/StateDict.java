package org.dragnj.model.trunk.weights;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named tensors read from a weights file, as PyTorch's {@code state_dict} names them
 * ({@code "layer1.0.conv1.weight"}), in file order.
 *
 * @param source  where the tensors came from (for messages and provenance)
 * @param tensors name → tensor, row-major, FLOAT (DOUBLE for float64 files, LONG for integer tensors)
 */
public record StateDict(String source, Map<String, INDArray> tensors) {

    /** Training scripts wrap the weights: {@code torch.save({"epoch": 3, "state_dict": model.state_dict()})}. */
    private static final List<String> WRAPPER_KEYS = List.of("state_dict", "model", "model_state_dict", "module");

    /** {@code nn.DataParallel} and DistributedDataParallel prefix every name with this. */
    private static final String PARALLEL_PREFIX = "module.";

    public StateDict {
        Objects.requireNonNull(source, "source");
        tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * Reads a torchvision / PyTorch {@code .pth} file (zip format) or a safetensors file, recognised by
     * their content, not their name.
     *
     * @throws TrunkWeightsUnavailableException naming the file and what is wrong with it
     */
    public static StateDict read(Path file) {
        return switch (WeightsFormat.of(file)) {
            case TORCH -> TorchCheckpointReader.read(file);
            case SAFETENSORS -> SafetensorsReader.read(file);
            case DL4J_MODEL -> throw new TrunkWeightsUnavailableException(file.toAbsolutePath()
                    + " is a DL4J model file, not a PyTorch or safetensors state dict");
        };
    }

    /**
     * The weights inside a checkpoint: from a map of Python objects, the tensors of the first of
     * {@value #WRAPPER_KEYS}-style entries that holds a map (or the map itself), without a common
     * {@code "module."} prefix. Other values (epoch counters, optimizer state) are left out.
     */
    static Map<String, Object> unwrap(Map<?, ?> root) {
        Map<?, ?> weights = root;
        for (String key : WRAPPER_KEYS) {
            if (!holdsTensors(root) && root.get(key) instanceof Map<?, ?> inner) {
                weights = inner;
                break;
            }
        }
        boolean parallel = !weights.isEmpty()
                && weights.keySet().stream().allMatch(k -> k instanceof String s && s.startsWith(PARALLEL_PREFIX));
        Map<String, Object> out = new LinkedHashMap<>();
        weights.forEach((k, v) -> {
            String name = String.valueOf(k);
            out.put(parallel ? name.substring(PARALLEL_PREFIX.length()) : name, v);
        });
        return out;
    }

    private static boolean holdsTensors(Map<?, ?> map) {
        return map.values().stream().anyMatch(v -> v instanceof TorchCheckpointReader.TensorReference);
    }
}
