package org.dragnj.model.trunk;

import java.util.List;

/**
 * What a trunk's first layer expects of its input, on top of the loader's scaling to [0, 1]:
 * per-channel (x − mean) / std. Pretrained weights only work with the statistics they were trained
 * with, so the choice is saved with the model and applied inside its graph (the
 * {@link InputNormalizationVertex}), never left to each caller.
 */
public enum InputNormalization {
    /** Pixels as the loader scales them. */
    NONE(List.of(), List.of()),
    /** torchvision's and timm's ImageNet statistics for RGB images: mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225). */
    IMAGENET(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));

    private final List<Double> mean;
    private final List<Double> std;

    InputNormalization(List<Double> mean, List<Double> std) {
        this.mean = mean;
        this.std = std;
    }

    /** Per-channel means (empty for {@link #NONE}). */
    public List<Double> mean() {
        return mean;
    }

    /** Per-channel standard deviations (empty for {@link #NONE}). */
    public List<Double> std() {
        return std;
    }

    /** Channels the statistics are for; 0 when any count fits. */
    public int channels() {
        return mean.size();
    }

    /** The graph vertex that applies it. */
    public InputNormalizationVertex vertex() {
        return new InputNormalizationVertex(mean.stream().mapToDouble(Double::doubleValue).toArray(),
                std.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
