package io.userasset.infra;

import io.userasset.adapters.dynamodb.ProfileStreamFilter;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnArchive;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The custom EventBridge bus the engine publishes recall/upgrade actions ({@code UserAction}) and
 * daily-job alerts ({@code AssetAlert}) to, with source {@code userasset}; an archive of everything
 * the engine publishes (replayable for {@link #ARCHIVE_RETENTION}); and the profile-stream wiring
 * that turns profile changes into actions. Teams subscribe their messaging tools with their own
 * rules on this bus (see infra-cdk/README.md).
 */
public final class ActionBus extends Construct {
    public static final Duration ARCHIVE_RETENTION = Duration.days(30);
    /** Profile-stream event source: see {@link #attachProfileStream}. */
    static final int STREAM_BATCH_SIZE = 100;
    static final int STREAM_RETRY_ATTEMPTS = ResourceCatalog.PROFILE_STREAM_RETRY_ATTEMPTS;
    static final Duration STREAM_MAX_RECORD_AGE = Duration.hours(6);
    static final int STREAM_PARALLELIZATION = 2;

    private final EventBus bus;
    private final Archive archive;
    private Queue streamFailures;

    public ActionBus(Construct scope, String id, String busName, Optional<IKey> key) {
        super(scope, id);
        // A fixed name: a key policy that admits EventBridge names the bus ARN, which must not depend on the bus itself.
        EventBus.Builder b = EventBus.Builder.create(this, "Bus")
                .eventBusName(busName)
                .description("User Asset Engine actions and alerts (source " + ResourceCatalog.EVENT_SOURCE + ")");
        key.ifPresent(b::kmsKey);
        bus = b.build();
        archive = Archive.Builder.create(this, "Archive")
                .sourceEventBus(bus)
                .description("Everything the engine published, for replay")
                .eventPattern(EventPattern.builder().source(List.of(ResourceCatalog.EVENT_SOURCE)).build())
                .retention(ARCHIVE_RETENTION)
                .build();
        key.ifPresent(k -> encryptArchive(k, busName));
    }

    /**
     * The archive under the app key. Archive's own kmsKey option writes the bus's ARN into the key
     * policy by reference, a cycle (key → bus → key); with the bus's fixed name the ARN is a literal.
     */
    private void encryptArchive(IKey key, String busName) {
        ((CfnArchive) archive.getNode().getDefaultChild()).setKmsKeyIdentifier(key.getKeyArn());
        String busArn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("events").resource("event-bus").resourceName(busName).build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("EventBridgeArchivesTheBus")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncrypt*"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("kms:EncryptionContext:aws:events:event-bus:arn", busArn)))
                .build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("EventBridgeDescribesTheKey")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:DescribeKey"))
                .resources(List.of("*"))
                .build());
    }

    /**
     * Profile changes → the profile-stream function (its published alias): only ingest's updates of
     * users ({@link ProfileStreamFilter}), from the oldest record still in the stream, with
     * partial-batch responses, batch bisection and bounded retries; what
     * still fails is recorded in a failure queue (shard and sequence range, to re-read from the
     * stream within its 24 h retention).
     */
    void attachProfileStream(Table profiles, EngineFunctions.EngineFunction fn, MessageQueues queues) {
        streamFailures = queues.failureQueue(this, "ProfileStreamFailures");
        fn.alias().addEventSource(new DynamoEventSource(profiles, software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps.builder()
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(STREAM_BATCH_SIZE)
                .maxBatchingWindow(Duration.seconds(1))
                .reportBatchItemFailures(true)
                .bisectBatchOnError(true)
                .retryAttempts(STREAM_RETRY_ATTEMPTS)
                .maxRecordAge(STREAM_MAX_RECORD_AGE)
                .parallelizationFactor(STREAM_PARALLELIZATION)
                .onFailure(new SqsDlq(streamFailures))
                .filters(List.of(FilterCriteria.filter(ProfileStreamFilter.pattern())))
                .build()));
    }

    public EventBus bus() { return bus; }
    public Archive archive() { return archive; }
    public Queue streamFailures() { return streamFailures; }
}
