package io.userasset.local.pipeline;

/**
 * One input on its way to the ingest queue: the message body exactly as an app would send it, and
 * where it came from ("events.jsonl:42", "orders.csv:17", "demo 2026-03-05 #12") for rejection reports.
 */
public record OutboundEvent(String body, String origin) {}
