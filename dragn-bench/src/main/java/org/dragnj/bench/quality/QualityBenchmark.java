package org.dragnj.bench.quality;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.digits.DigitBagSpec;
import org.dragnj.datasets.digits.DigitBagWriter;
import org.dragnj.datasets.digits.DigitsReader;
import org.dragnj.experiment.DataSource;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.model.trunk.Trunk;

/**
 * The named accuracy benchmarks: each is a built-in experiment config, the trunks that fit its
 * images, and its data for a seed (the bags themselves are drawn anew for every seed, so the spread
 * over seeds covers data and training).
 */
public enum QualityBenchmark {
    /** Ilse et al.'s key-instance task on real digits: a bag is positive when it holds a 9. */
    DIGITS_KEY_INSTANCE("digits-key-instance", "digits-key-instance", List.of(Trunk.LENET, Trunk.SMALL_CNN)),
    /** Multi-label bags of real digits, occluded and noised: the evidence is spread over the instances. */
    DIGITS_MULTI_LABEL("digits-multi-label", "digits-multi-label", List.of(Trunk.LENET, Trunk.SMALL_CNN)),
    /** The demo's synthetic bags whose labels need evidence from two instances. */
    DEMO_SPLIT_EVIDENCE("demo-split-evidence", "demo", List.of(Trunk.SMALL_CNN, Trunk.LENET));

    private final String id;
    private final String config;
    private final List<Trunk> trunks;

    QualityBenchmark(String id, String config, List<Trunk> trunks) {
        this.id = id;
        this.config = config;
        this.trunks = trunks;
    }

    public String id() {
        return id;
    }

    /** The trunks that fit its images, the config's own first. */
    public List<Trunk> trunks() {
        return trunks;
    }

    public static QualityBenchmark parse(String id) {
        for (QualityBenchmark b : values()) {
            if (b.id.equalsIgnoreCase(id) || b.name().equalsIgnoreCase(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no quality benchmark '" + id + "'; there are digits-key-instance,"
                + " digits-multi-label, demo-split-evidence");
    }

    /** The built-in config with this seed's data and training seed, on {@code trunk}. */
    public ExperimentConfig config(Manifest data, Trunk trunk, long seed, Map<String, String> overrides)
            throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        if (this != DEMO_SPLIT_EVIDENCE) {
            o.put("data.manifest", data.folder().toString());
        } else {
            o.put("data.synthetic.seed", Long.toString(seed));
        }
        o.put("model.trunk", trunk.name());
        o.put("training.seed", Long.toString(seed));
        o.put("evaluation.bootstrap", "0");
        o.put("training.checkpoint_every_batches", "0");
        o.putAll(overrides);
        return ConfigLoader.load(config, o);
    }

    /** The bags of one seed, written (or reused) under {@code work}. */
    public Manifest data(Path work, long seed, DigitsReader.Pools digits) throws IOException {
        return switch (this) {
            case DIGITS_KEY_INSTANCE -> DigitBagWriter.write(work.resolve(id + "/seed-" + seed), digits,
                    DigitBagSpec.keyInstance(seed), ProgressListener.NONE);
            case DIGITS_MULTI_LABEL -> DigitBagWriter.write(work.resolve(id + "/seed-" + seed), digits,
                    DigitBagSpec.multiLabel(seed), ProgressListener.NONE);
            case DEMO_SPLIT_EVIDENCE -> {
                ExperimentConfig c = ConfigLoader.load(config, Map.of("data.synthetic.seed", Long.toString(seed)));
                yield DataSource.load(c, work.resolve(id), ProgressListener.NONE).manifest();
            }
        };
    }

    /** Whether it needs real digits. */
    public boolean needsDigits() {
        return this != DEMO_SPLIT_EVIDENCE;
    }
}
