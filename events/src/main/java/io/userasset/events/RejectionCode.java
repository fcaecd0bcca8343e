package io.userasset.events;

/** Machine-readable rejection reasons. The wire names are part of the contract (rejects store, samples). */
public enum RejectionCode {
    MALFORMED_JSON("malformed_json"),
    INVALID_ENCODING("invalid_encoding"),
    TOO_LARGE("too_large"),
    TOO_DEEP("too_deep"),
    NOT_AN_OBJECT("not_an_object"),
    UNKNOWN_FORMAT("unknown_format"),
    UNKNOWN_TYPE("unknown_type"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    SCHEMA_VIOLATION("schema_violation"),
    MISSING_IDENTITY("missing_identity"),
    INVALID_IDENTIFIER("invalid_identifier"),
    INVALID_TIMESTAMP("invalid_timestamp"),
    TIMESTAMP_IN_FUTURE("timestamp_in_future"),
    TIMESTAMP_TOO_OLD("timestamp_too_old"),
    INVALID_AMOUNT("invalid_amount"),
    CURRENCY_NOT_ACCEPTED("currency_not_accepted"),
    /** The parser itself failed on this input (a bug): the event is kept as a rejection, never lost. */
    INTERNAL_ERROR("internal_error");

    private final String wireName;

    RejectionCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The code with this wire name, or null. */
    public static RejectionCode fromWireName(String name) {
        for (RejectionCode c : values()) {
            if (c.wireName.equals(name)) return c;
        }
        return null;
    }
}
