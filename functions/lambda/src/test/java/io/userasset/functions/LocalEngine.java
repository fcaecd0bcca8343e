package io.userasset.functions;

import io.userasset.adapters.dynamodb.DynamoProfileStore;
import io.userasset.adapters.sqs.SqsEventPublisher;
import io.userasset.config.EngineConfig;
import io.userasset.events.ProfileKey;
import io.userasset.localcloud.FaultyDynamoDbClient;
import io.userasset.localcloud.LocalCloud;
import io.userasset.ports.StoredProfile;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** An Engine wired to the local cloud, as tests use it: fixed clock, optional fault injection. */
public final class LocalEngine {
    public static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    public final LocalCloud cloud;
    public final FaultyDynamoDbClient faults;
    /** Faults in front of the local queue that stands in for the event bus (actions). */
    public final io.userasset.localcloud.FaultySqsClient busFaults;
    public final Engine engine;

    public LocalEngine(LocalCloud cloud) {
        this(cloud, EngineConfig.defaults());
    }

    public LocalEngine(LocalCloud cloud, EngineConfig config) {
        this(cloud, config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public LocalEngine(LocalCloud cloud, EngineConfig config, Clock clock) {
        this.cloud = cloud;
        this.faults = new FaultyDynamoDbClient(cloud.dynamoDb());
        this.busFaults = new io.userasset.localcloud.FaultySqsClient(cloud.sqs());
        this.engine = new Engine(config, cloud.resourceNames(), new Engine.Clients(faults, cloud.s3(), cloud.sqs(),
                new SqsEventPublisher(busFaults, cloud.queueUrl(ResourceCatalog.LOCAL_ACTIONS), clock),
                new SqsEventPublisher(cloud.sqs(), cloud.queueUrl(ResourceCatalog.LOCAL_ALERTS), clock)),
                clock, "test");
    }

    public DynamoProfileStore profileStore() {
        return new DynamoProfileStore(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamoDb()).build(),
                cloud.tableName(ResourceCatalog.PROFILES), (engine.config().rfm().windowDays() + 6) / 7,
                io.userasset.adapters.dynamodb.ProfileItems.INGEST);
    }

    /**
     * The profile's facts with every deduplication key inline (its key archive read and merged in):
     * equal for equal facts, whichever write happened to move keys to which archive.
     */
    public io.userasset.domain.profile.ProfileFacts allKeysInline(ProfileKey key, io.userasset.domain.profile.ProfileFacts facts) {
        var f = facts.copy();
        if (!f.keyArchiveLoaded()) {
            f.loadKeyArchive(new io.userasset.adapters.dynamodb.DynamoKeyArchiveStore(cloud.dynamoDb(),
                    cloud.tableName(ResourceCatalog.ENGINE)).load(key, f.keyArchive()).orElseThrow());
        }
        var config = engine.config();
        return new io.userasset.domain.profile.ProfileFold(engine.days(), config.profile().dedupHorizonDays(),
                config.rfm().windowDays()).withAllKeysInline(f);
    }

    /** Every stored profile, by key. */
    public Map<ProfileKey, StoredProfile> allProfiles() {
        DynamoProfileStore store = profileStore();
        Map<ProfileKey, StoredProfile> out = new HashMap<>();
        for (Map<String, AttributeValue> item : cloud.dynamoDb().scanPaginator(b -> b.tableName(cloud.tableName(ResourceCatalog.PROFILES))
                .projectionExpression("pk")).items()) {
            ProfileKey key = ProfileKey.fromStorageKey(item.get("pk").s());
            out.put(key, store.loadLatest(key));
        }
        return out;
    }

    /** Everything on the local actions queue so far (the EventBridge detail of each message), consumed. */
    public java.util.List<com.fasterxml.jackson.databind.JsonNode> takePublishedActions() {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        String url = cloud.queueUrl(ResourceCatalog.LOCAL_ACTIONS);
        while (true) {
            var messages = cloud.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) return out;
            for (var m : messages) {
                try {
                    out.add(mapper.readTree(m.body()).get("detail"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                cloud.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    public void clearProfiles() {
        String table = cloud.tableName(ResourceCatalog.PROFILES);
        for (ProfileKey key : allProfiles().keySet()) {
            cloud.dynamoDb().deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(key.storageKey()))));
        }
    }
}
