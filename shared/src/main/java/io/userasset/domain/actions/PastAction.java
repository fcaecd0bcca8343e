package io.userasset.domain.actions;

/** An action already decided for a user (sent or held out), as the guards see it. */
public record PastAction(String actionId, ActionType type, int day, boolean holdout) {}
