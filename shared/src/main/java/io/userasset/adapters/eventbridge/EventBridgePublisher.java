package io.userasset.adapters.eventbridge;

import io.userasset.adapters.BatchRetry;
import io.userasset.ports.EventPublisher;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** PutEvents to the engine's bus, ten entries per call; entries the response reports as failed are re-sent. */
public final class EventBridgePublisher implements EventPublisher {
    private static final int MAX_ATTEMPTS = 6;

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void publish(String detailType, List<String> documents) {
        BatchRetry.send("EventBridge PutEvents", documents, 10, MAX_ATTEMPTS, batch -> {
            List<PutEventsRequestEntry> entries = batch.stream().map(d -> PutEventsRequestEntry.builder()
                    .eventBusName(busName).source(ResourceCatalog.EVENT_SOURCE).detailType(detailType).detail(d).build()).toList();
            PutEventsResponse response = events.putEvents(b -> b.entries(entries));
            Set<Integer> failed = new HashSet<>();
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                for (int i = 0; i < response.entries().size(); i++) {
                    if (response.entries().get(i).errorCode() != null) failed.add(i);
                }
            }
            return failed;
        });
    }
}
