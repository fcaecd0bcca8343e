package io.userasset.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Loads the engine configuration: the documented defaults bundled in the jar, with a deployment's
 * overrides (YAML or JSON, any subset of keys) merged over them. Unknown keys are errors, so a typo
 * in an override never silently leaves a default in force.
 */
public final class ConfigLoader {
    public static final String DEFAULTS_RESOURCE = "/userasset-defaults.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static volatile EngineConfig defaults;

    private ConfigLoader() {}

    public static EngineConfig defaults() {
        EngineConfig d = defaults;
        if (d == null) {
            d = bind(defaultsTree());
            defaults = d;
        }
        return d;
    }

    /** Defaults with the given override text (YAML or JSON; JSON is YAML) merged over them. */
    public static EngineConfig withOverrides(String overrideText) {
        if (overrideText == null || overrideText.isBlank()) return defaults();
        try {
            JsonNode override = YAML.readTree(overrideText);
            if (override == null || override.isMissingNode() || override.isNull()) return defaults();
            if (!override.isObject()) throw new IllegalArgumentException("configuration override must be a mapping");
            ObjectNode merged = defaultsTree();
            deepMerge(merged, (ObjectNode) override, "");
            return bind(merged);
        } catch (IOException e) {
            throw new IllegalArgumentException("configuration override is not valid YAML/JSON: " + e.getMessage(), e);
        }
    }

    public static EngineConfig fromFile(Path file) {
        try {
            return withOverrides(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + file, e);
        }
    }

    private static ObjectNode defaultsTree() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) throw new IllegalStateException(DEFAULTS_RESOURCE + " missing from the classpath");
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deepMerge(ObjectNode target, ObjectNode override, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            JsonNode existing = target.get(f.getKey());
            if (existing == null) {
                throw new IllegalArgumentException("unknown configuration key: " + key);
            }
            // Maps of user-named entries (rates, track names, rules) are replaced whole, not merged.
            if (existing.isObject() && f.getValue().isObject() && !isOpenMap(key)) {
                deepMerge((ObjectNode) existing, (ObjectNode) f.getValue(), key);
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    private static boolean isOpenMap(String key) {
        return key.equals("events.exchangeRates") || key.equals("events.segmentTrack") || key.equals("actions.types");
    }

    private static EngineConfig bind(JsonNode tree) {
        try {
            return YAML.treeToValue(tree, EngineConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }
}
