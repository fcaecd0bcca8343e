package io.userasset.observability;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format: metrics written as one structured log line per invocation,
 * which CloudWatch turns into metrics without any API call from the function.
 */
public final class EmfMetrics {
    private static volatile PrintStream sink = System.out;

    private final String namespace;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final Map<String, Number> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    /** Metrics of one function: dimension Function = the function's name. */
    public EmfMetrics(String namespace, String functionName) {
        this(namespace, Map.of(io.userasset.tables.ResourceCatalog.Metrics.FUNCTION_DIMENSION, functionName));
    }

    /** Metrics with their own dimension set (e.g. Rule = an alert rule's name). */
    public EmfMetrics(String namespace, Map<String, String> dimensions) {
        this.namespace = namespace;
        this.dimensions.putAll(new java.util.TreeMap<>(dimensions));
    }

    public static void sendTo(PrintStream out) {
        sink = out;
    }

    public EmfMetrics count(String name, long value) {
        values.put(name, value);
        units.put(name, "Count");
        return this;
    }

    public EmfMetrics milliseconds(String name, double value) {
        values.put(name, value);
        units.put(name, "Milliseconds");
        return this;
    }

    /** Writes the line and forgets the values. */
    public void flush() {
        if (values.isEmpty()) return;
        StringBuilder b = new StringBuilder(256);
        b.append("{\"_aws\":{\"Timestamp\":").append(System.currentTimeMillis())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        Json.quote(b, namespace);
        b.append(",\"Dimensions\":[[");
        boolean first = true;
        for (String d : dimensions.keySet()) {
            if (!first) b.append(',');
            first = false;
            Json.quote(b, d);
        }
        b.append("]],\"Metrics\":[");
        first = true;
        for (String name : values.keySet()) {
            if (!first) b.append(',');
            first = false;
            b.append("{\"Name\":");
            Json.quote(b, name);
            b.append(",\"Unit\":");
            Json.quote(b, units.get(name));
            b.append('}');
        }
        b.append("]}]}");
        for (Map.Entry<String, String> d : dimensions.entrySet()) {
            b.append(',');
            Json.quote(b, d.getKey());
            b.append(':');
            Json.quote(b, d.getValue());
        }
        for (Map.Entry<String, Number> v : values.entrySet()) {
            b.append(',');
            Json.quote(b, v.getKey());
            b.append(':');
            Json.value(b, v.getValue());
        }
        b.append('}');
        sink.println(b);
        values.clear();
        units.clear();
    }
}
