package org.dragnj.experiment.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.datasets.iterator.Augmentation;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.experiment.evaluation.OrderAveraging;
import org.dragnj.experiment.training.ModelSelection;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.Optimizer;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.dragn.UnitInit;
import org.dragnj.model.loss.Loss;
import org.dragnj.model.trunk.InputNormalization;
import org.dragnj.model.trunk.Trunk;
import org.dragnj.model.trunk.weights.TrunkInit;

/**
 * One experiment, as a person writes it in YAML (see dragn-experiment/configs/). Every section has
 * defaults ({@code defaults.yaml}); a file sets what differs and command-line flags override both.
 * Validated at construction: a bad value fails with the offending key named.
 */
public record ExperimentConfig(String name, DataConfig data, ModelConfig model, TrainingConfig training,
        EvaluationConfig evaluation, List<Aggregation> compare) {

    public ExperimentConfig {
        require(name != null && !name.isBlank(), "name", "must not be empty");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(evaluation, "evaluation");
        compare = compare == null ? List.of() : List.copyOf(compare);
    }

    /**
     * The same experiment with another aggregation, as one run of a comparison: unit BatchNorm is kept
     * where the aggregation has a DRAGN unit, and the compare list is cleared.
     */
    public ExperimentConfig withAggregation(Aggregation a) {
        ModelConfig m = model;
        return new ExperimentConfig(name, data, new ModelConfig(m.trunk(), a, m.mode(),
                m.unitBatchNorm() && a.unitDepth().isPresent(), m.unitInit(), m.inputHeight(), m.inputWidth(), m.channels(),
                m.pretrained(), m.inputNormalization()), training, evaluation, List.of());
    }

    /** The same experiment trained from another seed (initialisation, batch order, instance order, augmentation). */
    public ExperimentConfig withSeed(long seed) {
        TrainingConfig t = training;
        return new ExperimentConfig(name, data, model, new TrainingConfig(t.epochs(), t.batchSize(), t.loss(),
                t.optimizer(), t.learningRate(), t.beta1(), t.beta2(), t.weightDecay(), t.schedule(),
                t.earlyStoppingPatience(), t.augmentation(), t.shuffleInstances(), t.selection(), seed,
                t.checkpointEveryBatches(), t.frozenTrunk(), t.workers(), t.divergenceFactor()), evaluation, compare);
    }

    /** Where the bags come from: a manifest folder, or synthetic bags generated (once) into a cache folder. */
    public record DataConfig(String manifest, SyntheticConfig synthetic, boolean skipBad, int maxBagLength) {
        public DataConfig {
            require((manifest == null) != (synthetic == null), "data",
                    "set exactly one of data.manifest (a manifest folder) and data.synthetic");
            require(maxBagLength >= 0, "data.max_bag_length", "must be >= 0 (0: no cap)");
        }
    }

    /** A synthetic task (see SyntheticBagSpec) and its split sizes. */
    public record SyntheticConfig(int classes, int imageSize, int minBagLength, int maxBagLength,
            SyntheticBagSpec.Evidence evidence, double motifScale, double noise, int train, int val, int test,
            long seed) {
        public SyntheticConfig {
            require(train > 0 && val > 0 && test > 0, "data.synthetic", "train, val and test sizes must be > 0");
        }

        public SyntheticBagSpec spec() {
            return SyntheticBagSpec.builder().optClasses(classes).optImageSize(imageSize, imageSize)
                    .optBagLengths(minBagLength, maxBagLength).optEvidence(evidence).optMotifScale(motifScale)
                    .optNoise(noise).optSeed(seed).build();
        }
    }

    /**
     * The network.
     *
     * @param pretrained         {@value #NO_PRETRAINED}, {@value #ZOO} or a weights file
     * @param inputNormalization null: {@link InputNormalization#IMAGENET} for torchvision / timm files, else NONE
     */
    public record ModelConfig(Trunk trunk, Aggregation aggregation, AggregationMode mode, boolean unitBatchNorm,
            UnitInit unitInit, int inputHeight, int inputWidth, int channels, String pretrained,
            InputNormalization inputNormalization) {

        public static final String NO_PRETRAINED = "none";
        public static final String ZOO = "zoo";

        public ModelConfig {
            require(trunk != null, "model.trunk", "is required");
            require(aggregation != null, "model.aggregation", "is required");
            require(mode != null, "model.mode", "is required (POST or PRE)");
            require(inputHeight > 0 && inputWidth > 0, "model.input_height/input_width", "must be > 0");
            require(channels == 1 || channels == 3 || channels == 4, "model.channels", "must be 1, 3 or 4");
            pretrained = pretrained == null || pretrained.isBlank() ? NO_PRETRAINED : pretrained.strip();
            require(unitInit != null, "model.unit_init", "is required (WINDOW_MEAN or UNIFORM)");
            require(!pretrained.equals(ZOO) || trunk == Trunk.ZOO_RESNET50, "model.pretrained",
                    "zoo (the DL4J zoo's ImageNet weights) fits trunk ZOO_RESNET50 only, not " + trunk
                            + "; for " + trunk + " name a weights file");
        }

        /** Where the trunk's weights come from. */
        public TrunkInit trunkInit() {
            return switch (pretrained) {
                case NO_PRETRAINED -> TrunkInit.RANDOM;
                case ZOO -> TrunkInit.ZOO;
                default -> TrunkInit.FILE;
            };
        }

        /** The weights file, for {@link TrunkInit#FILE}; else null. */
        public Path pretrainedFile() {
            return trunkInit() == TrunkInit.FILE ? Path.of(pretrained) : null;
        }
    }

    /** How to train. */
    public record TrainingConfig(int epochs, int batchSize, Loss loss, Optimizer optimizer, double learningRate,
            double beta1, double beta2, double weightDecay, Schedule schedule, int earlyStoppingPatience,
            Augmentation augmentation, boolean shuffleInstances, ModelSelection selection, long seed,
            int checkpointEveryBatches, boolean frozenTrunk, int workers, double divergenceFactor) {
        public TrainingConfig {
            require(epochs > 0, "training.epochs", "must be > 0");
            require(batchSize > 0, "training.batch_size", "must be > 0");
            require(loss != null, "training.loss", "is required (BCE, FOCAL, FEC)");
            require(optimizer != null, "training.optimizer", "is required (ADAM, SGD)");
            require(Double.isFinite(learningRate) && learningRate > 0, "training.learning_rate",
                    "must be a finite number > 0, not " + learningRate);
            require(beta1 >= 0 && beta1 < 1, "training.beta1", "must be in [0, 1), not " + beta1);
            require(beta2 >= 0 && beta2 < 1, "training.beta2", "must be in [0, 1), not " + beta2);
            require(Double.isFinite(weightDecay) && weightDecay >= 0, "training.weight_decay",
                    "must be a finite number >= 0, not " + weightDecay);
            require(schedule != null, "training.schedule", "is required");
            require(earlyStoppingPatience >= 0, "training.early_stopping_patience", "must be >= 0 (0: off)");
            require(augmentation != null, "training.augmentation", "is required (NONE, FLIPS, FLIPS_ROT90)");
            require(selection != null, "training.selection", "is required (VAL_AUC, VAL_LOSS, VAL_F1)");
            require(checkpointEveryBatches >= 0, "training.checkpoint_every_batches", "must be >= 0");
            require(workers >= 1, "training.workers", "must be >= 1");
            require(divergenceFactor == 0 || Double.isFinite(divergenceFactor) && divergenceFactor > 1,
                    "training.divergence_factor", "must be 0 (off) or a finite number > 1, not " + divergenceFactor);
        }
    }

    /**
     * Learning-rate schedule: CONSTANT, or PLATEAU (multiply by {@code factor} when validation macro F1
     * has not improved for {@code patience} epochs, as torch's ReduceLROnPlateau in max mode).
     */
    public record Schedule(ScheduleType type, int patience, double factor, double minLearningRate) {
        public Schedule {
            require(type != null, "training.schedule.type", "is required (CONSTANT or PLATEAU)");
            require(patience >= 1, "training.schedule.patience", "must be >= 1");
            require(factor > 0 && factor < 1, "training.schedule.factor", "must be in (0, 1)");
            require(Double.isFinite(minLearningRate) && minLearningRate >= 0, "training.schedule.min_learning_rate",
                    "must be a finite number >= 0");
        }
    }

    /** Learning-rate schedule types. */
    public enum ScheduleType { CONSTANT, PLATEAU }

    /**
     * How to evaluate.
     *
     * @param orderAveraging for order-dependent aggregations (DRAGN): score each bag in this many random
     *                       instance orders and average the probabilities (1: the bag's own order)
     * @param orderSeed      seed of those orders
     * @param importance     a run's test evaluation also measures which instances mattered (importance.csv and
     *                       the montage): n extra bag evaluations per test bag of n instances
     */
    public record EvaluationConfig(DecisionRule decisionRule, int bootstrap, int orderAveraging, long orderSeed,
            boolean importance) {
        public EvaluationConfig {
            require(decisionRule != null, "evaluation.decision_rule", "is required");
            require(bootstrap >= 0, "evaluation.bootstrap", "must be >= 0 (0: no intervals)");
            require(orderAveraging >= 1, "evaluation.order_averaging", "must be >= 1 (1: the bag's own order)");
        }

        public OrderAveraging orders() {
            return new OrderAveraging(orderAveraging, orderSeed);
        }
    }

    static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new IllegalArgumentException("config " + key + ": " + message);
        }
    }
}
