package io.userasset.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas (draft 2020-12) of the contract, compiled once per JVM, in
 * {@code events/src/main/resources/schemas/}. A schema is named by its path there without
 * {@code .schema.json}: {@code "native/event"}, {@code "segment/track"}, {@code "action"},
 * {@code "alert"}, {@code "snapshot-row"} ….
 *
 * <p>Other modules validate what they emit with {@link #validate(String, JsonNode)}, e.g. in a test:
 * {@code assertThat(ContractSchemas.validate("action", json)).isEmpty();}
 */
public final class ContractSchemas {

    /** The base of every schema's {@code $id}; mapped to the classpath, so nothing is fetched. */
    public static final String BASE_URI = "https://userasset.io/schemas/";

    /** A queue message with several events (io.userasset.events.EventBatches). */
    public static final String BATCH = "batch";

    /** The emitted records: what the engine writes (actions, alerts, snapshot rows). */
    public static final String ACTION = "action";
    public static final String ALERT = "alert";
    public static final String SNAPSHOT_ROW = "snapshot-row";

    private static final List<String> NAMES = List.of(
            "defs",
            "native/envelope", "native/event",
            "native/properties/user_registered", "native/properties/session_started",
            "native/properties/order_paid", "native/properties/order_refunded",
            "native/properties/referral_converted", "native/properties/content_shared",
            "native/properties/content_posted", "native/properties/identify",
            "native/properties/acquisition_cost",
            "segment/common", "segment/track", "segment/identify", "segment/page", "segment/screen",
            "segment/alias",
            "eventbridge/envelope",
            BATCH,
            ACTION, ALERT, SNAPSHOT_ROW);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractSchemas() {}

    /** Lazy holder: the schemas are loaded and compiled on first use, once. */
    private static final class Holder {
        static final Map<String, JsonSchema> SCHEMAS = load();

        private static Map<String, JsonSchema> load() {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    b -> b.schemaMappers(m -> m.mapPrefix(BASE_URI, "classpath:schemas/")));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .locale(Locale.ENGLISH)
                    .build();
            Map<String, JsonSchema> schemas = new LinkedHashMap<>();
            for (String name : NAMES) {
                JsonSchema schema = factory.getSchema(SchemaLocation.of(uri(name)), config);
                schema.initializeValidators();
                schemas.put(name, schema);
            }
            return Map.copyOf(schemas);
        }
    }

    /** Every schema name, e.g. "native/event", "segment/track", "action". */
    public static List<String> names() {
        return NAMES;
    }

    /** The {@code $id} of a schema. */
    public static String uri(String name) {
        return BASE_URI + name + ".schema.json";
    }

    /** The classpath resource holding a schema, e.g. for publishing it. */
    public static String resource(String name) {
        requireKnown(name);
        return "schemas/" + name + ".schema.json";
    }

    /**
     * Validates a JSON value against a schema of the contract.
     *
     * @return the violations, each as "{@code <JSON Pointer> [keyword]: <message>}" (pointer "" is the
     *         document), sorted; empty when the value is valid
     * @throws IllegalArgumentException for an unknown schema name
     */
    public static List<String> validate(String name, JsonNode json) {
        Set<ValidationMessage> messages = schema(name).validate(json);
        List<String> errors = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            errors.add(m.getInstanceLocation() + " [" + m.getType() + "]: " + Violations.stripPointer(m));
        }
        errors.sort(null);
        return errors;
    }

    /** Like {@link #validate(String, JsonNode)} for JSON text; text that is not JSON gives one error. */
    public static List<String> validate(String name, String json) {
        requireKnown(name);
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of(" [json]: not valid JSON: " + e.getOriginalMessage());
        }
        return validate(name, node == null ? MAPPER.missingNode() : node);
    }

    /** The compiled schema (thread-safe); for the parser. */
    static JsonSchema schema(String name) {
        requireKnown(name);
        return Holder.SCHEMAS.get(name);
    }

    private static void requireKnown(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no contract schema named '" + name + "'; known: " + NAMES);
        }
    }
}
