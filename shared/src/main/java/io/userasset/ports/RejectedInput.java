package io.userasset.ports;

import io.userasset.events.Rejection;

import java.time.Instant;

/**
 * One input that was not accepted, kept with its reason and its raw bytes so nothing is lost.
 *
 * @param source     where it came from, e.g. "sqs:&lt;messageId&gt;", "kinesis:&lt;sequence&gt;", "file:orders.csv:17"
 * @param receivedAt when the engine received it
 * @param rejection  code, JSON path and sentence
 * @param payload    the raw input as received
 */
public record RejectedInput(String source, Instant receivedAt, Rejection rejection, byte[] payload) {}
