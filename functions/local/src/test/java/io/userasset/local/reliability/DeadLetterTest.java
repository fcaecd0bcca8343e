package io.userasset.local.reliability;

import io.userasset.config.ConfigLoader;
import io.userasset.local.pipeline.LocalPipeline;
import io.userasset.local.pipeline.LocalPipeline.InputOutcome;
import io.userasset.local.pipeline.LogTap;
import io.userasset.local.pipeline.OutboundEvent;
import io.userasset.local.pipeline.Timers;
import io.userasset.localcloud.FaultyDynamoDbClient;
import io.userasset.tables.ResourceCatalog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile whose writes keep failing: its events are retried until the queue's maxReceiveCount,
 * then dead-lettered and counted as such — or, when the operator redrives the DLQ after the fault
 * cleared, applied.
 */
class DeadLetterTest {
    static final LocalDate DAY = LocalDate.parse("2026-03-02");
    static final int FAILING_WRITES = ResourceCatalog.INGEST.maxReceiveCount();

    @Test
    void eventsOfAProfileThatCannotBeWrittenAreDeadLettered() {
        Map<String, InputOutcome> outcomes = new ConcurrentHashMap<>();
        try (LocalPipeline pipeline = pipeline(false, outcomes)) {
            pipeline.runDay(DAY, events(), null, r -> { });
            LocalPipeline.Accounting a = pipeline.accounting();
            assertThat(a.balanced()).isTrue();
            assertThat(a.deadLettered()).isEqualTo(3).isEqualTo(pipeline.deadLettered(ResourceCatalog.INGEST));
            assertThat(a.applied() + a.duplicate()).isEqualTo(3);
            outcomes.forEach((origin, outcome) -> assertThat(outcome)
                    .isEqualTo(origin.startsWith("stuck") ? InputOutcome.DEAD_LETTERED : InputOutcome.APPLIED));
        }
    }

    @Test
    void aRedriveAfterTheFaultClearedAppliesThem() {
        Map<String, InputOutcome> outcomes = new ConcurrentHashMap<>();
        try (LocalPipeline pipeline = pipeline(true, outcomes)) {
            pipeline.runDay(DAY, events(), null, r -> { });
            LocalPipeline.Accounting a = pipeline.accounting();
            assertThat(a.balanced()).isTrue();
            assertThat(a.redriven()).isEqualTo(3);
            assertThat(a.deadLettered()).isZero();
            assertThat(pipeline.deadLettered(ResourceCatalog.INGEST)).isZero();
            assertThat(outcomes).hasSize(6).allSatisfy((origin, outcome) -> assertThat(outcome).isEqualTo(InputOutcome.APPLIED));
        }
    }

    /** The stuck user's writes fail as many times as the queue delivers a message before the DLQ. */
    private static LocalPipeline pipeline(boolean redrive, Map<String, InputOutcome> outcomes) {
        AtomicInteger failures = new AtomicInteger();
        UnaryOperator<software.amazon.awssdk.services.dynamodb.DynamoDbClient> faulty = real -> {
            FaultyDynamoDbClient f = new FaultyDynamoDbClient(real);
            f.throttleWritesWhere(item -> "u#stuck-user".equals(item.get("pk").s()) && failures.incrementAndGet() <= FAILING_WRITES);
            return f;
        };
        LocalPipeline.Settings s = LocalPipeline.Settings.defaults();
        // one event per message: the DLQ then holds exactly the stuck user's events (packed ones are
        // dead-lettered and redriven whole, with the other events of their message: FaultDrillTest)
        LocalPipeline p = new LocalPipeline(ConfigLoader.defaults(),
                new LocalPipeline.Settings(s.ingestBatchSize(), 1, Duration.ofSeconds(1), s.ioThreads(), s.streamBatchSize(), 1),
                DAY, LogTap.discarding(), new Timers(),
                new LocalPipeline.Wiring(faulty, UnaryOperator.identity(), redrive, (day, phase) -> { }));
        p.onInputSettled((input, outcome) -> outcomes.put(input.origin(), outcome));
        return p;
    }

    private static List<OutboundEvent> events() {
        List<OutboundEvent> out = new ArrayList<>();
        for (String user : List.of("stuck-user", "fine-user")) {
            for (int i = 0; i < 3; i++) {
                String body = "{\"eventId\":\"" + user + "-" + i + "\",\"type\":\"order_paid\",\"userId\":\"" + user
                        + "\",\"occurredAt\":\"2026-03-02T1" + i + ":00:00Z\",\"properties\":{\"orderId\":\"" + user + "-o" + i
                        + "\",\"amount\":12.5,\"currency\":\"USD\"}}";
                out.add(new OutboundEvent(body, user.substring(0, user.indexOf('-')) + " #" + i));
            }
        }
        return out;
    }
}
