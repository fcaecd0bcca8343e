package io.userasset.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Glue columns of the snapshot table, derived at synth time from the published contract
 * {@code schemas/snapshot-row.schema.json} (in the events jar), so the table cannot drift from
 * what the daily job writes. Mapping: string and string enums → string, integer → bigint,
 * number → double, boolean → boolean, object → struct&lt;…&gt; (members in schema order),
 * array → array&lt;…&gt;; a "null" in a type union only makes the column nullable (every Hive column is).
 * {@code $ref}s into {@code defs.schema.json} are followed. The partition column is left out:
 * Athena forbids a data column with the partition key's name.
 */
public final class SnapshotColumns {
    public static final String SCHEMA = "/schemas/snapshot-row.schema.json";
    public static final String DEFS = "/schemas/defs.schema.json";
    public static final String PARTITION_KEY = "dt";

    /** One Glue column: name as in the schema (camelCase; Athena matches JSON keys case-insensitively) and Hive type. */
    public record Column(String name, String type, String comment) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotColumns() {}

    public static List<Column> columns() {
        JsonNode schema = load(SCHEMA);
        JsonNode defs = load(DEFS);
        List<Column> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> p = it.next();
            if (p.getKey().equals(PARTITION_KEY)) continue;
            String comment = p.getValue().path("description").asText("");
            if (comment.length() > 255) comment = comment.substring(0, 254) + "…"; // Glue's limit
            out.add(new Column(p.getKey(), hiveType(p.getValue(), defs, p.getKey()), comment));
        }
        if (out.isEmpty()) throw new IllegalStateException(SCHEMA + " has no properties");
        return out;
    }

    static String hiveType(JsonNode node, JsonNode defs, String where) {
        JsonNode n = resolve(node, defs, where);
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = n.get("type");
        if (type != null && type.isArray()) type.forEach(t -> types.add(t.asText()));
        else if (type != null) types.add(type.asText());
        else if (n.has("enum")) {
            for (JsonNode v : n.get("enum")) {
                if (v.isNull()) continue;
                types.add(v.isTextual() ? "string" : v.isIntegralNumber() ? "integer" : v.isNumber() ? "number"
                        : v.isBoolean() ? "boolean" : "unsupported");
            }
        }
        types.remove("null");
        if (types.size() != 1) {
            throw new IllegalStateException(SCHEMA + ": property " + where + " has no single JSON type (" + types
                    + "); give it one, or extend SnapshotColumns' mapping");
        }
        return switch (types.iterator().next()) {
            case "string" -> "string";
            case "integer" -> "bigint";
            case "number" -> "double";
            case "boolean" -> "boolean";
            case "array" -> "array<" + hiveType(n.path("items"), defs, where + "[]") + ">";
            case "object" -> {
                List<String> members = new ArrayList<>();
                Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> m = it.next();
                    members.add(m.getKey() + ":" + hiveType(m.getValue(), defs, where + "." + m.getKey()));
                }
                if (members.isEmpty()) throw new IllegalStateException(SCHEMA + ": object " + where + " lists no properties");
                yield "struct<" + String.join(",", members) + ">";
            }
            default -> throw new IllegalStateException(SCHEMA + ": property " + where + " has unsupported type " + types);
        };
    }

    private static JsonNode resolve(JsonNode node, JsonNode defs, String where) {
        JsonNode n = node;
        for (int depth = 0; n.has("$ref"); depth++) {
            if (depth > 16) throw new IllegalStateException(SCHEMA + ": $ref cycle at " + where);
            String ref = n.get("$ref").asText();
            String prefix = "defs.schema.json#/$defs/";
            if (!ref.startsWith(prefix)) throw new IllegalStateException(SCHEMA + ": unsupported $ref " + ref + " at " + where);
            n = defs.path("$defs").path(ref.substring(prefix.length()));
            if (n.isMissingNode()) throw new IllegalStateException(SCHEMA + ": dangling $ref " + ref + " at " + where);
        }
        return n;
    }

    private static JsonNode load(String resource) {
        try (InputStream in = SnapshotColumns.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the classpath (it ships in the events jar)");
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
