package org.dragnj.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import org.dragnj.bags.ChannelOrder;
import org.dragnj.bags.ImageFormat;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.dragn.UnitInit;
import org.dragnj.model.loss.Loss;
import org.dragnj.model.trunk.InputNormalization;
import org.dragnj.model.trunk.Trunk;
import org.dragnj.model.trunk.weights.TrunkInit;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Everything that defines a model's graph and its initialisation; saved with every model.
 *
 * @param trunk            the feature extractor
 * @param aggregation      how instances are combined
 * @param mode             aggregate features (POST) or images (PRE)
 * @param unitBatchNorm    BatchNorm inside the DRAGN unit (L2/L3 only)
 * @param unitInit         how the DRAGN unit's weights start
 * @param labels           label names, in output order (K = size)
 * @param inputChannels    channels of an instance image
 * @param inputHeight      instance height the model is built for
 * @param inputWidth       instance width the model is built for
 * @param loss             training loss of the head
 * @param optimizer        optimizer and its settings
 * @param dataType         FLOAT for training, DOUBLE for gradient checks
 * @param seed             parameter-initialisation seed
 * @param trunkInit        where the trunk's initial weights come from
 * @param trunkWeightsFile the file for {@link TrunkInit#FILE}, else null
 * @param inputNormalization what the trunk's first layer expects of the [0, 1] pixels (pretrained
 *                         torchvision / timm weights: {@link InputNormalization#IMAGENET})
 * @param channelOrder     the colour-channel order the model was trained on (files written before it
 *                         was recorded: {@link ChannelOrder#BGR}, OpenCV's)
 * @param trainingImages   the typical format of the training images (before resizing to the input
 *                         size), which prediction checks its input against; null when not recorded
 */
public record ModelSpec(Trunk trunk, Aggregation aggregation, AggregationMode mode, boolean unitBatchNorm,
        UnitInit unitInit, List<String> labels, int inputChannels, int inputHeight, int inputWidth, Loss loss, OptimizerSpec optimizer,
        DataType dataType, long seed, TrunkInit trunkInit, String trunkWeightsFile,
        InputNormalization inputNormalization, ChannelOrder channelOrder, ImageFormat trainingImages) {

    public ModelSpec {
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(trunkInit, "trunkInit");
        unitInit = unitInit == null ? UnitInit.WINDOW_MEAN : unitInit;
        // files written before input normalisation existed had none
        inputNormalization = inputNormalization == null ? InputNormalization.NONE : inputNormalization;
        channelOrder = channelOrder == null ? ChannelOrder.BGR : channelOrder;

        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one label");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("label names must be unique: " + labels);
        }
        if (inputChannels < 1 || inputHeight < 1 || inputWidth < 1) {
            throw new IllegalArgumentException("input must be at least 1x1x1, got " + inputChannels + "x"
                    + inputHeight + "x" + inputWidth);
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("dataType must be FLOAT or DOUBLE, got " + dataType);
        }
        if (mode == AggregationMode.PRE && !aggregation.supportsPreAggregation()) {
            throw new IllegalArgumentException(aggregation + " aggregates feature vectors, so it cannot run before the"
                    + " trunk (PRE); pre-aggregation works with DRAGN_L1/L2/L3, MEAN and MAX");
        }
        if (unitBatchNorm && aggregation.unitDepth().isEmpty()) {
            throw new IllegalArgumentException("unit BatchNorm applies to DRAGN aggregations only, not " + aggregation);
        }
        if (inputNormalization.channels() > 0 && inputNormalization.channels() != inputChannels) {
            throw new IllegalArgumentException(inputNormalization + " input normalisation is for "
                    + inputNormalization.channels() + "-channel images, the model reads " + inputChannels);
        }
        if ((trunkInit == TrunkInit.FILE) != (trunkWeightsFile != null)) {
            throw new IllegalArgumentException("a trunk weights file is given exactly when trunk init is FILE");
        }
    }

    public int numLabels() {
        return labels.size();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.trunk = trunk;
        b.aggregation = aggregation;
        b.mode = mode;
        b.unitBatchNorm = unitBatchNorm;
        b.unitInit = unitInit;
        b.labels = labels;
        b.inputChannels = inputChannels;
        b.inputHeight = inputHeight;
        b.inputWidth = inputWidth;
        b.loss = loss;
        b.optimizer = optimizer;
        b.dataType = dataType;
        b.seed = seed;
        b.trunkInit = trunkInit;
        b.trunkWeightsFile = trunkWeightsFile;
        b.inputNormalization = inputNormalization;
        b.channelOrder = channelOrder;
        b.trainingImages = trainingImages;
        return b;
    }

    /** Required: trunk, labels, input size. Everything else has the paper's default. */
    public static final class Builder {
        private Trunk trunk;
        private List<String> labels;
        private int inputChannels = 3;
        private int inputHeight;
        private int inputWidth;
        private Aggregation aggregation = Aggregation.DRAGN_L1;
        private AggregationMode mode = AggregationMode.POST;
        private boolean unitBatchNorm;
        private UnitInit unitInit = UnitInit.WINDOW_MEAN;
        private Loss loss = Loss.BCE;
        private OptimizerSpec optimizer = OptimizerSpec.adam(1e-4);
        private DataType dataType = DataType.FLOAT;
        private long seed = 42;
        private TrunkInit trunkInit = TrunkInit.RANDOM;
        private String trunkWeightsFile;
        private InputNormalization inputNormalization = InputNormalization.NONE;
        private ChannelOrder channelOrder = ChannelOrder.RGB;
        private ImageFormat trainingImages;

        public Builder setTrunk(Trunk trunk) {
            this.trunk = trunk;
            return this;
        }

        public Builder setLabels(List<String> labels) {
            this.labels = labels;
            return this;
        }

        public Builder setInputSize(int height, int width) {
            this.inputHeight = height;
            this.inputWidth = width;
            return this;
        }

        public Builder optInputChannels(int channels) {
            this.inputChannels = channels;
            return this;
        }

        public Builder optAggregation(Aggregation aggregation) {
            this.aggregation = aggregation;
            return this;
        }

        public Builder optMode(AggregationMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder optUnitBatchNorm(boolean unitBatchNorm) {
            this.unitBatchNorm = unitBatchNorm;
            return this;
        }

        public Builder optUnitInit(UnitInit init) {
            this.unitInit = init;
            return this;
        }

        public Builder optLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder optOptimizer(OptimizerSpec optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder optDataType(DataType dataType) {
            this.dataType = dataType;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optTrunkInit(TrunkInit init) {
            this.trunkInit = init;
            return this;
        }

        /**
         * Initialise the trunk from a weights file (sets trunk init to FILE): a PyTorch state dict
         * ({@code .pth}), a safetensors file or a DL4J model, recognised by content.
         */
        public Builder optTrunkWeightsFile(String file) {
            this.trunkWeightsFile = file;
            this.trunkInit = file == null ? TrunkInit.RANDOM : TrunkInit.FILE;
            return this;
        }

        public Builder optInputNormalization(InputNormalization normalization) {
            this.inputNormalization = normalization;
            return this;
        }

        public Builder optChannelOrder(ChannelOrder order) {
            this.channelOrder = order;
            return this;
        }

        /** The typical format of the training images, recorded so that prediction can check its input. */
        public Builder optTrainingImages(ImageFormat format) {
            this.trainingImages = format;
            return this;
        }

        public ModelSpec build() {
            if (trunk == null || labels == null || inputHeight == 0 || inputWidth == 0) {
                throw new IllegalStateException("setTrunk, setLabels and setInputSize are required");
            }
            return new ModelSpec(trunk, aggregation, mode, unitBatchNorm, unitInit, labels, inputChannels, inputHeight,
                    inputWidth, loss, optimizer, dataType, seed, trunkInit, trunkWeightsFile, inputNormalization, channelOrder, trainingImages);
        }
    }
}
