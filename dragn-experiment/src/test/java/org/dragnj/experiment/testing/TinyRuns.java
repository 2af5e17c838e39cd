package org.dragnj.experiment.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.datasets.synthetic.SyntheticManifest;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A tiny manifest of synthetic PNG bags and quick experiment configs on it, shared by the tests of dragn-experiment and dragn-cli. */
public final class TinyRuns {

    private TinyRuns() {
    }

    /** 24 train, 8 val, 8 test bags of 2–5 16×16 images, 3 labels. */
    public static Manifest manifest(Path folder) throws IOException {
        SyntheticBagSpec spec = SyntheticBagSpec.builder().optClasses(3).optImageSize(16, 16).optBagLengths(2, 5)
                .optSeed(11).build();
        return SyntheticManifest.write(folder, new SyntheticBagGenerator(spec), new SyntheticManifest.Sizes(24, 8, 8),
                ProgressListener.NONE);
    }

    /** Small CNN, 16×16, 2 epochs of batches of 4, a checkpoint every 2 batches, 20 bootstrap resamples. */
    public static Map<String, String> overrides(Path manifest) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("name", "tiny");
        o.put("data.manifest", manifest.toString());
        o.put("model.input_height", "16");
        o.put("model.input_width", "16");
        o.put("training.epochs", "2");
        o.put("training.batch_size", "4");
        o.put("training.learning_rate", "0.003");
        o.put("training.checkpoint_every_batches", "2");
        o.put("evaluation.bootstrap", "20");
        return o;
    }

    public static ExperimentConfig config(Path manifest, String... keyValues) throws IOException {
        Map<String, String> o = overrides(manifest);
        for (int i = 0; i < keyValues.length; i += 2) {
            o.put(keyValues[i], keyValues[i + 1]);
        }
        return ConfigLoader.load(null, o);
    }

    /** Every number in two JSON files equal to 1e-6, every other value equal. */
    public static void assertSameNumbers(Path actual, Path expected) throws IOException {
        ObjectMapper json = new ObjectMapper();
        assertSameNumbers(json.readTree(actual.toFile()), json.readTree(expected.toFile()), "");
    }

    private static void assertSameNumbers(JsonNode actual, JsonNode expected, String path) {
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path).isTrue();
            assertThat(actual.asDouble()).as(path).isCloseTo(expected.asDouble(), Offset.offset(1e-6));
        } else if (expected.isContainerNode()) {
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            if (expected.isObject()) {
                for (Iterator<String> it = expected.fieldNames(); it.hasNext();) {
                    String k = it.next();
                    assertSameNumbers(actual.get(k), expected.get(k), path + "." + k);
                }
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    assertSameNumbers(actual.get(i), expected.get(i), path + "[" + i + "]");
                }
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
