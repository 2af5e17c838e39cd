package org.dragnj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dragnj.datasets.iterator.Augmentation;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.training.ModelSelection;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.dragn.UnitInit;
import org.dragnj.model.loss.Loss;
import org.dragnj.model.trunk.InputNormalization;
import org.dragnj.model.trunk.Trunk;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The experiment file, the flags that override it and the cache folders, shared by train and compare.
 * A flag that is not given leaves the config's value; its help names the config key and the built-in
 * default (defaults.yaml), which a config file may change (ExperimentOptionsTest keeps them equal).
 */
public final class ExperimentOptions {

    @Option(names = "--config", description = "Experiment file (YAML/JSON) or built-in name: demo, hpa-paper, flyexpress-paper,"
            + " digits-key-instance, digits-multi-label.")
    String config;

    @Option(names = "--data", description = "Bag manifest folder (replaces the config's data).")
    String manifest;

    @Option(names = "--aggregation", description = "${COMPLETION-CANDIDATES}. Config key model.aggregation;"
            + " built-in default: DRAGN_L1.")
    Aggregation aggregation;

    @Option(names = "--mode", description = "POST (aggregate features) or PRE (aggregate images). Config key"
            + " model.mode; built-in default: POST.")
    AggregationMode mode;

    @Option(names = "--trunk", description = "${COMPLETION-CANDIDATES}. Config key model.trunk; built-in default:"
            + " SMALL_CNN.")
    Trunk trunk;

    @Option(names = "--unit-batch-norm", description = "BatchNorm inside the DRAGN unit (L2/L3). Config key"
            + " model.unit_batch_norm; built-in default: false.")
    Boolean unitBatchNorm;

    @Option(names = "--unit-init", description = "How the DRAGN unit starts: ${COMPLETION-CANDIDATES}. Config key"
            + " model.unit_init; built-in default: WINDOW_MEAN.")
    UnitInit unitInit;

    @Option(names = "--pretrained", paramLabel = "FILE|zoo|none", description = "Where the trunk starts: a"
            + " torchvision / timm ResNet state dict (.pth or .safetensors) for RESNET18 / RESNET50, a DL4J model, zoo"
            + " (the DL4J zoo's ImageNet ResNet50, trunk ZOO_RESNET50) or none (random weights). Config key"
            + " model.pretrained; built-in default: none.")
    String pretrained;

    @Option(names = "--input-normalization", description = "Per-channel (x - mean) / std on the [0, 1] pixels, saved"
            + " in the model: ${COMPLETION-CANDIDATES}. Config key model.input_normalization; built-in default: none"
            + " given, which means IMAGENET for torchvision / timm weights and NONE otherwise.")
    InputNormalization inputNormalization;

    @Option(names = "--input-size", description = "Instance size HxW, e.g. 180x320. Config keys"
            + " model.input_height and model.input_width; built-in default: 32x32.")
    String inputSize;

    @Option(names = "--channels", description = "Instance channels: 1, 3 or 4. Config key model.channels; built-in"
            + " default: 3.")
    Integer channels;

    @Option(names = "--epochs", description = "Epochs. Config key training.epochs; built-in default: 10.")
    Integer epochs;

    @Option(names = "--batch", description = "Bags per batch. Config key training.batch_size; built-in default: 8.")
    Integer batch;

    @Option(names = "--loss", description = "${COMPLETION-CANDIDATES}. Config key training.loss; built-in default:"
            + " BCE.")
    Loss loss;

    @Option(names = "--lr", description = "Learning rate. Config key training.learning_rate; built-in default:"
            + " 1.0E-4.")
    Double learningRate;

    @Option(names = "--weight-decay", description = "L2 weight decay. Config key training.weight_decay; built-in"
            + " default: 0.0.")
    Double weightDecay;

    @Option(names = "--seed", description = "Training seed (initialisation, batch and instance order, augmentation)."
            + " Config key training.seed; built-in default: 42.")
    Long seed;

    @Option(names = "--seeds", split = ",", paramLabel = "S1,S2,...", description = "Train every model once per"
            + " seed and report mean ± sd over the seeds, each seed's value and which differences hold across"
            + " seeds; runs go to <out>/<aggregation>/seed-<s>.")
    List<Long> seeds = new ArrayList<>();

    @Option(names = "--augmentation", description = "${COMPLETION-CANDIDATES}: only what does not change what an image"
            + " shows (microscopy: FLIPS_ROT90; digits, text, embryos in a standard orientation: NONE). Config key"
            + " training.augmentation; built-in default: NONE.")
    Augmentation augmentation;

    @Option(names = "--selection", description = "Which epoch is kept: ${COMPLETION-CANDIDATES}. Config key"
            + " training.selection; built-in default: VAL_AUC.")
    ModelSelection selection;

    @Option(names = "--order-averaging", paramLabel = "K", description = "DRAGN: score every bag in K random instance"
            + " orders and average (1: its own order). Config key evaluation.order_averaging; built-in default: 1.")
    Integer orderAveraging;

    @Option(names = "--rule", description = "Decision rule for F1 and friends: ${COMPLETION-CANDIDATES}. Config key"
            + " evaluation.decision_rule; built-in default: THRESHOLD_05.")
    DecisionRule rule;

    @Option(names = "--max-bag-length", description = "Randomly subsample longer bags to this many instances (0: no"
            + " cap). Config key data.max_bag_length; built-in default: 0.")
    Integer maxBagLength;

    @Option(names = "--skip-bad", description = "Leave out (and report) bags with missing images or unknown labels instead of failing.")
    boolean skipBad;

    @Option(names = "--frozen-trunk", description = "Cache trunk features once and train only aggregation and head."
            + " Config key training.frozen_trunk; built-in default: false.")
    Boolean frozenTrunk;

    @Option(names = "--workers", description = "Data-parallel workers (DL4J ParallelWrapper). Config key"
            + " training.workers; built-in default: 1.")
    Integer workers;

    @Mixin
    DataCacheOption dataCache = new DataCacheOption();

    @Option(names = "--feature-cache", defaultValue = "runs/features",
            description = "Where frozen-trunk features are extracted and reused (default: ${DEFAULT-VALUE}).")
    Path featureCache;

    /** Where synthetic data and the image check's memory live (--data-cache). */
    /** --seeds: empty unless several seeds were asked for. */
    public List<Long> seeds() {
        return List.copyOf(seeds);
    }

    public Path dataCache() {
        return dataCache.folder;
    }

    /** Where frozen-trunk features are kept (--feature-cache). */
    public Path featureCache() {
        return featureCache;
    }

    @Option(names = "--set", description = "Any config key, e.g. --set training.schedule.type=PLATEAU.")
    Map<String, String> set = new LinkedHashMap<>();

    /** The config file or name with every flag and --set applied, validated. */
    public ExperimentConfig load() throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        if (manifest != null) {
            o.put("data.manifest", manifest);
            o.put("data.synthetic", "null");
        }
        put(o, "model.aggregation", aggregation);
        put(o, "model.mode", mode);
        put(o, "model.trunk", trunk);
        put(o, "model.unit_batch_norm", unitBatchNorm);
        put(o, "model.unit_init", unitInit);
        put(o, "model.pretrained", pretrained);
        put(o, "model.input_normalization", inputNormalization);
        if (inputSize != null) {
            String[] hw = inputSize.toLowerCase().split("x");
            if (hw.length != 2) {
                throw new IllegalArgumentException("--input-size is HxW, e.g. 180x320; got " + inputSize);
            }
            o.put("model.input_height", hw[0]);
            o.put("model.input_width", hw[1]);
        }
        put(o, "model.channels", channels);
        put(o, "training.epochs", epochs);
        put(o, "training.batch_size", batch);
        put(o, "training.loss", loss);
        put(o, "training.learning_rate", learningRate);
        put(o, "training.weight_decay", weightDecay);
        put(o, "training.seed", seed);
        put(o, "training.augmentation", augmentation);
        put(o, "training.selection", selection);
        put(o, "evaluation.order_averaging", orderAveraging);
        put(o, "training.frozen_trunk", frozenTrunk);
        put(o, "training.workers", workers);
        put(o, "evaluation.decision_rule", rule);
        put(o, "data.max_bag_length", maxBagLength);
        if (skipBad) {
            o.put("data.skip_bad", "true");
        }
        o.putAll(set);
        return ConfigLoader.load(config, o);
    }

    private static void put(Map<String, String> o, String key, Object value) {
        if (value != null) {
            o.put(key, value.toString());
        }
    }
}
