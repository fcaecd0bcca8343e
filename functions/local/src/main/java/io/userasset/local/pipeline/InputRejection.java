package io.userasset.local.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One rejected input line as the local run reports it (stderr and rejected.jsonl): where it came
 * from, who refused it (the engine's parser, or the runner itself before sending, e.g. a CSV row
 * without a user), a machine-readable code and a sentence.
 *
 * @param origin   file:line (or the demo's label)
 * @param stage    "engine" (rejected by the ingest handler, stored under rejects/ in S3) or "input" (the runner)
 * @param code     the engine's rejection code, or the runner's (e.g. missing_user, invalid_date)
 * @param path     JSON Pointer of the offending value (engine), or the column (input), may be empty
 * @param message  the reason, a sentence
 * @param excerpt  the start of the offending line, for the reader
 */
public record InputRejection(String origin, String stage, String code, String path, String message, String excerpt) {
    public static final String ENGINE = "engine";
    public static final String INPUT = "input";

    public static InputRejection input(String origin, String code, String path, String message, String line) {
        return new InputRejection(origin, INPUT, code, path, message, excerpt(line));
    }

    public static String excerpt(String line) {
        if (line == null) return null;
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("origin", origin);
        n.put("stage", stage);
        n.put("code", code);
        n.put("path", path);
        n.put("message", message);
        if (excerpt != null) n.put("line", excerpt);
        return n;
    }

    /** The one-line form printed to stderr as the run goes. */
    public String describe() {
        return origin + ": " + code + (path == null || path.isEmpty() ? "" : " at " + path) + " — " + message;
    }
}
