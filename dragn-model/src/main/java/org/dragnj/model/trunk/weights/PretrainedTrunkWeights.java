package org.dragnj.model.trunk.weights;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.ResNet50;
import org.dragnj.model.trunk.InputNormalization;
import org.dragnj.model.trunk.Trunk;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies pretrained weights into a model's trunk. Nothing on this path downloads: the zoo's ImageNet
 * file must already be in DL4J's resource cache (the zoo's own location and checksum), or the user
 * names a file, which may be a PyTorch state dict or a safetensors file (torchvision / timm names,
 * for the torchvision trunks, see {@link TorchvisionImport}) or a DL4J model (copied layer by layer
 * where names and shapes match).
 */
public final class PretrainedTrunkWeights {

    private static final Logger LOG = LoggerFactory.getLogger(PretrainedTrunkWeights.class);

    private PretrainedTrunkWeights() {
    }

    /** Where the DL4J zoo keeps ResNet50's ImageNet weights (for {@link Trunk#ZOO_RESNET50}): {@code <resources dir>/models/resnet50/<file>}. */
    public static Path zooResNet50CacheFile() {
        ResNet50 zoo = ResNet50.builder().build();
        String url = zoo.pretrainedUrl(PretrainedType.IMAGENET);
        File dir = new File(new File(DL4JResources.getBaseDirectory(), ResourceType.ZOO_MODEL.resourceName()),
                zoo.modelName());
        return new File(dir, new File(url).getName()).toPath();
    }

    /**
     * Loads the weights the spec asks for into {@code target}'s trunk layers.
     *
     * @param trunkLayers names of the trunk's layers in {@code target}
     * @return the number of layers (DL4J sources) or tensors (PyTorch, safetensors) copied
     */
    public static int apply(Trunk trunk, TrunkInit init, Path file, ComputationGraph target, Set<String> trunkLayers) {
        return switch (init) {
            case RANDOM -> 0;
            case ZOO -> copyMatchingLayers(imagenet(trunk), target, "the zoo's ImageNet " + trunk);
            case FILE -> fromFile(trunk, file, target, trunkLayers);
        };
    }

    /**
     * What the trunk's input must look like for these weights: torchvision and timm train on
     * ImageNet-normalised RGB, so their files ask for {@link InputNormalization#IMAGENET}.
     */
    public static InputNormalization inputNormalizationFor(TrunkInit init, Path file) {
        return init == TrunkInit.FILE && WeightsFormat.of(file) != WeightsFormat.DL4J_MODEL
                ? InputNormalization.IMAGENET : InputNormalization.NONE;
    }

    private static int fromFile(Trunk trunk, Path file, ComputationGraph target, Set<String> trunkLayers) {
        if (file == null) {
            throw new TrunkWeightsUnavailableException("trunk init FILE needs a weights file");
        }
        if (WeightsFormat.of(file) == WeightsFormat.DL4J_MODEL) {
            return copyMatchingLayers(restore(file), target, file.toString());
        }
        if (trunk != Trunk.RESNET18 && trunk != Trunk.RESNET50) {
            throw new TrunkWeightsUnavailableException("PyTorch and safetensors weights (" + file + ") load into the"
                    + " torchvision trunks RESNET18 and RESNET50, not " + trunk);
        }
        return TorchvisionImport.copy(StateDict.read(file), target, trunkLayers);
    }

    private static ComputationGraph imagenet(Trunk trunk) {
        if (trunk != Trunk.ZOO_RESNET50) {
            throw new TrunkWeightsUnavailableException("there are no ImageNet weights for the " + trunk
                    + " trunk in DL4J's zoo (only its own ResNet50 layout, trunk ZOO_RESNET50, has them). Train from"
                    + " random weights, or name a weights file (--pretrained FILE): a torchvision or timm ResNet"
                    + " state dict for RESNET18 / RESNET50, or a DL4J model whose layers carry the trunk's names.");
        }
        Path cached = zooResNet50CacheFile();
        if (!Files.isRegularFile(cached)) {
            ResNet50 zoo = ResNet50.builder().build();
            throw new TrunkWeightsUnavailableException("ImageNet weights for the ResNet50 trunk were not found at "
                    + cached + ". This machine cannot download them. On a machine with internet, download "
                    + zoo.pretrainedUrl(PretrainedType.IMAGENET) + " and copy it to that path (or set the system"
                    + " property " + DL4JResources.DL4J_RESOURCES_DIR_PROPERTY + " to a folder holding"
                    + " models/resnet50/), or name a weights file instead (--pretrained FILE).");
        }
        try {
            // The zoo's own loader: same cache, same Adler-32 checksum (a corrupt file is deleted by it).
            return (ComputationGraph) ResNet50.builder().build().initPretrained(PretrainedType.IMAGENET);
        } catch (IOException | RuntimeException e) {
            throw new TrunkWeightsUnavailableException("could not load the ResNet50 ImageNet weights from "
                    + cached + ": " + e.getMessage(), e);
        }
    }

    private static ComputationGraph restore(Path file) {
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new TrunkWeightsUnavailableException("could not read " + file.toAbsolutePath()
                    + " as a DL4J ComputationGraph: " + e.getMessage(), e);
        }
    }

    static int copyMatchingLayers(ComputationGraph source, ComputationGraph target, String what) {
        int copied = 0;
        List<String> mismatched = new ArrayList<>();
        for (Layer layer : target.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (!source.getConfiguration().getVertices().containsKey(name) || layer.numParams() == 0) {
                continue;
            }
            Layer from = source.getLayer(name);
            Map<String, INDArray> src = from.paramTable();
            Map<String, INDArray> dst = layer.paramTable();
            boolean sameShapes = src.keySet().equals(dst.keySet()) && dst.entrySet().stream()
                    .allMatch(e -> Arrays.equals(e.getValue().shape(), src.get(e.getKey()).shape()));
            if (!sameShapes) {
                mismatched.add(name);
                continue;
            }
            dst.forEach((k, v) -> v.assign(src.get(k).castTo(v.dataType())));
            copied++;
        }
        if (copied == 0) {
            throw new TrunkWeightsUnavailableException("no layer of " + what + " matches a trunk layer by name and"
                    + " shape; is it the right architecture?");
        }
        if (!mismatched.isEmpty()) {
            LOG.warn("{}: {} layers matched by name but not by shape and kept their initial weights: {}", what,
                    mismatched.size(), mismatched);
        }
        LOG.info("Loaded {} trunk layers from {}", copied, what);
        return copied;
    }
}
