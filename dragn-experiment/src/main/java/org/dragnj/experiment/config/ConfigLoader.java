package org.dragnj.experiment.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Reads experiment files: the built-in defaults, deep-merged with a config (a file path or the
 * name of one of dragn-experiment/configs), deep-merged with command-line overrides ("training.epochs"
 * → "3"). Keys are snake_case; enum values any case; unknown keys are errors that name the key.
 */
public final class ConfigLoader {

    static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a key given twice would silently keep the second value
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String DEFAULTS = "/org/dragnj/experiment/config/defaults.yaml";
    private static final String CONFIGS = "/org/dragnj/experiment/configs/";

    private ConfigLoader() {
    }

    /** @param config a YAML/JSON file, or a config name ("demo", "hpa-paper", "flyexpress-paper"); null for defaults */
    public static ExperimentConfig load(String config, Map<String, String> overrides) throws IOException {
        ObjectNode tree = (ObjectNode) readResource(DEFAULTS);
        if (config != null) {
            merge(tree, read(config));
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            set(tree, o.getKey(), o.getValue());
        }
        try {
            return YAML.treeToValue(tree, ExperimentConfig.class);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String key = e instanceof JsonMappingException m && !(cause instanceof IllegalArgumentException)
                    ? key(m) : "";
            throw new IllegalArgumentException("invalid experiment config" + (config == null ? "" : " " + config) + ": "
                    + (key.isEmpty() ? "" : "config " + key + ": ")
                    + cause.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The dotted key a mapping error is about, e.g. "training.augmentation" ("" when Jackson gives no path). */
    static String key(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** A resolved config written by {@link #toYaml} (a run folder's config.yaml, a model file's provenance). */
    public static ExperimentConfig fromYaml(String yaml) throws IOException {
        ObjectNode tree = (ObjectNode) readResource(DEFAULTS); // keys added since it was written
        merge(tree, YAML.readTree(yaml));
        return YAML.treeToValue(tree, ExperimentConfig.class);
    }

    /** The resolved config as YAML, as written into every run folder. */
    public static String toYaml(ExperimentConfig config) throws IOException {
        return YAML.writeValueAsString(config);
    }

    /**
     * The keys whose values differ between two resolved configs, one line each ("training.learning_rate:
     * 1.0E-4 → 0.01"), in key order; empty when they are the same experiment.
     */
    public static List<String> differences(String before, String now) throws IOException {
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        flatten("", YAML.readTree(before), a);
        flatten("", YAML.readTree(now), b);
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            String x = a.getOrDefault(k, "(absent)");
            String y = b.getOrDefault(k, "(absent)");
            if (!x.equals(y)) {
                out.add(k + ": " + x + " → " + y);
            }
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node instanceof ObjectNode obj) {
            obj.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else {
            out.put(prefix, node == null || node.isNull() ? "null" : node.isValueNode() ? node.asText() : node.toString());
        }
    }

    private static JsonNode read(String config) throws IOException {
        Path file = Path.of(config);
        if (Files.isRegularFile(file)) {
            return readFile(file);
        }
        String name = config.endsWith(".yaml") ? config : config + ".yaml";
        if (ConfigLoader.class.getResource(CONFIGS + name) != null) {
            return readResource(CONFIGS + name);
        }
        throw new IOException("no experiment config '" + config + "': not a file, and not one of the built-in"
                + " configs (demo, hpa-paper, flyexpress-paper, digits-key-instance, digits-multi-label)");
    }

    private static JsonNode readFile(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw YamlErrors.syntax(file, e);
        }
        if (!tree.isMissingNode() && !tree.isObject()) {
            throw new IllegalArgumentException(file + ": an experiment config is 'key: value' lines (keys name, data,"
                    + " model, training, evaluation), not " + (tree.isArray() ? "a list" : "a single value"));
        }
        return tree;
    }

    private static JsonNode readResource(String path) throws IOException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return YAML.readTree(in);
        }
    }

    /** Objects merge key by key; anything else replaces. A null in the overlay clears the key. */
    static void merge(ObjectNode base, JsonNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> it = overlay.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = base.get(e.getKey());
            if (current instanceof ObjectNode obj && e.getValue() instanceof ObjectNode) {
                merge(obj, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Sets a dotted key to a YAML scalar or flow value ("3", "ADAM", "[DRAGN_L1, MEAN]", "null"). */
    static void set(ObjectNode tree, String dottedKey, String value) throws IOException {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        JsonNode parsed;
        try {
            parsed = value == null ? TextNode.valueOf("") : YAML.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config " + dottedKey + ": '" + value + "' is not a value ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
        }
        node.set(parts[parts.length - 1], parsed == null || parsed.isMissingNode() ? null : parsed);
    }
}
