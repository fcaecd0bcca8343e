package io.userasset.application;

/**
 * One raw input of a batch: an SQS message body, a Kinesis record, a line of a file.
 *
 * @param id      the id the event source reports failures by (SQS message id, Kinesis sequence number, file:line)
 * @param payload the raw bytes, expected to be one event in any accepted format
 */
public record InputRecord(String id, byte[] payload) {}
