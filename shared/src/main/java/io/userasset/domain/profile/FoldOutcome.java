package io.userasset.domain.profile;

/** What folding one event did to a profile. */
public enum FoldOutcome {
    /** The event changed the profile. */
    APPLIED,
    /**
     * The profile already reflected the event: a repeated order id, content id, referral or event
     * id within the deduplication horizon, or an activity signal for a day and time already recorded.
     */
    DUPLICATE,
    /**
     * Applied, but the event was older than the deduplication horizon relative to the user's newest
     * event, so a repeat of it could not have been recognised. Counted so that it is visible.
     */
    APPLIED_LATE
}
