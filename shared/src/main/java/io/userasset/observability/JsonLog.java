package io.userasset.observability;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Structured logs: one JSON object per line on stdout (which Lambda ships to CloudWatch Logs).
 * Hand-rolled rather than a logging framework because it costs nothing at cold start. Callers pass
 * identifiers, counts and error classes — never payloads or PII beyond the userId.
 */
public final class JsonLog {
    private static volatile PrintStream sink = System.out;

    private JsonLog() {}

    /** Redirects logs (the local runner sends them to a file so the console stays readable). */
    public static void sendTo(PrintStream out) {
        sink = out;
    }

    public static void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public static void warn(String message, Object... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public static void error(String message, Throwable error, Object... keyValues) {
        write("ERROR", message, error, keyValues);
    }

    private static void write(String level, String message, Throwable error, Object... keyValues) {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"level\":\"").append(level).append("\",\"time\":\"").append(Instant.now()).append("\",\"message\":");
        Json.quote(b, message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            b.append(',');
            Json.quote(b, String.valueOf(keyValues[i]));
            b.append(':');
            Json.value(b, keyValues[i + 1]);
        }
        if (error != null) {
            b.append(",\"errorType\":");
            Json.quote(b, error.getClass().getName());
            b.append(",\"error\":");
            Json.quote(b, String.valueOf(error.getMessage()));
        }
        b.append('}');
        sink.println(b);
    }
}
