package io.userasset.config;

/**
 * @param dedupHorizonDays  events are deduplicated exactly when they arrive within this many days (event
 *                          time) of the newest event of their user; see docs/reliability.md
 * @param anonymousTtlDays  a never-identified visitor's profile expires this long after its last event
 */
public record ProfileConfig(int dedupHorizonDays, int anonymousTtlDays) {}
