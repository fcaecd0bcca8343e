package io.userasset.events;

/** The outcome of parsing one input: an accepted event or a rejection, never an exception. */
public sealed interface ParseResult {

    record Accepted(Event event) implements ParseResult {}

    record Rejected(Rejection rejection) implements ParseResult {}

    static ParseResult accepted(Event event) {
        return new Accepted(event);
    }

    static ParseResult rejected(RejectionCode code, String path, String message) {
        return new Rejected(new Rejection(code, path, message));
    }
}
