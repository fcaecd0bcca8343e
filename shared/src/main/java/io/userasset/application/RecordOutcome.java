package io.userasset.application;

/** How one input ended (SPEC §2): exactly one of these, or the DLQ after retries of FAILED. Declared from the most to the least decisive. */
public enum RecordOutcome {
    APPLIED,
    DUPLICATE,
    REJECTED,
    /** A transient failure: reported to the event source, which retries it and finally dead-letters it. */
    FAILED
}
