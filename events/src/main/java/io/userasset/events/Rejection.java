package io.userasset.events;

/**
 * Why an input was not accepted: a machine-readable code, the JSON path of the offending value
 * (JSON Pointer, "" for the whole document) and a sentence for humans.
 */
public record Rejection(RejectionCode code, String path, String message) {

    @Override
    public String toString() {
        return code.wireName() + " at '" + path + "': " + message;
    }
}
