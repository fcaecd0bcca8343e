package io.userasset.ports;

import java.util.List;

/**
 * Publishes documented JSON events (actions, alerts) to subscribers: EventBridge in AWS, a local
 * queue in a local run. Implementations retry entries the service reports as failed and throw if
 * some still fail, so callers can retry knowing every event carries an idempotency key.
 */
public interface EventPublisher {

    /** @param detailType e.g. "UserAction", "AssetAlert"; each document is one JSON object */
    void publish(String detailType, List<String> documents);
}
