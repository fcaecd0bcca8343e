package io.userasset.functions.ingest;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.userasset.config.ConfigLoader;
import io.userasset.events.ProfileKey;
import io.userasset.functions.LocalEngine;
import io.userasset.localcloud.LocalCloud;
import io.userasset.ports.StoredProfile;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3: exactly-once effect through the real handler and DynamoDB Local. For many random seeds,
 * a multi-user history is ingested once in order, then again shuffled, re-split into batches of
 * random sizes, with every batch delivered twice: the stored profiles must be identical.
 */
class IngestIdempotencePropertiesTest {
    private static LocalCloud cloud;
    private static LocalEngine local;
    private static SqsIngestHandler handler;
    /** Keeps 2 deduplication keys inline, so nearly every write moves keys to a new key archive. */
    private static LocalEngine archiving;
    private static SqsIngestHandler archivingHandler;

    @BeforeContainer
    static void start() {
        cloud = LocalCloud.start();
        local = new LocalEngine(cloud);
        handler = new SqsIngestHandler(local.engine);
        archiving = new LocalEngine(cloud, ConfigLoader.withOverrides("profile:\n  inlineDedupKeys: 2\n"));
        archivingHandler = new SqsIngestHandler(archiving.engine);
    }

    @AfterContainer
    static void stop() {
        cloud.close();
    }

    @Property(tries = 40)
    void replayShuffleAndResplitGiveTheProfilesOfOneOrderedPass(@ForAll long seed) {
        replayShuffleAndResplit(seed, handler, 20);
    }

    /** The same with keys moved to key archives on nearly every write (issue 3: items within one write unit). */
    @Property(tries = 15)
    void theSameHoldsWhenWritesMoveKeysToArchives(@ForAll long seed) {
        // at least 80 events over 6 users: some user has 3 or more keyed events, so an archive
        replayShuffleAndResplit(seed, archivingHandler, 80);
        assertThat(local.allProfiles().values()).as("profiles with a key archive")
                .anyMatch(p -> p.facts().keyArchive() != null);
    }

    private static void replayShuffleAndResplit(long seed, SqsIngestHandler handler, int minEvents) {
        Random random = new Random(seed);
        List<EventJson.Sent> history = EventJson.history(random, "p-", 6, minEvents + random.nextInt(100), 34);

        local.clearProfiles();
        List<EventJson.Sent> ordered = new ArrayList<>(history);
        ordered.sort(Comparator.comparing(EventJson.Sent::occurredAt));
        for (int from = 0; from < ordered.size(); from += 10) {
            deliver(handler, ordered.subList(from, Math.min(ordered.size(), from + 10)));
        }
        Map<ProfileKey, Stored> expected = snapshot();

        local.clearProfiles();
        List<EventJson.Sent> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, random);
        List<List<EventJson.Sent>> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.size(); ) {
            int size = 1 + random.nextInt(25);
            batches.add(shuffled.subList(from, Math.min(shuffled.size(), from + size)));
            from += size;
        }
        List<List<EventJson.Sent>> deliveries = new ArrayList<>(batches);
        deliveries.addAll(batches); // every batch twice, the repeat at a random later point
        Collections.shuffle(deliveries.subList(batches.size() / 2, deliveries.size()), random);
        for (List<EventJson.Sent> batch : deliveries) deliver(handler, batch);

        assertThat(snapshot()).isEqualTo(expected);
    }

    private static void deliver(SqsIngestHandler handler, List<EventJson.Sent> batch) {
        SQSBatchResponse response = handler.handleRequest(EventJson.sqs(batch), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    /** What a profile holds, minus its version (which counts writes, not facts). */
    record Stored(Object facts, Long expiresAt) {}

    private static Map<ProfileKey, Stored> snapshot() {
        Map<ProfileKey, Stored> out = new HashMap<>();
        for (Map.Entry<ProfileKey, StoredProfile> e : local.allProfiles().entrySet()) {
            out.put(e.getKey(), new Stored(local.allKeysInline(e.getKey(), e.getValue().facts()), e.getValue().expiresAtEpochSecond()));
        }
        return out;
    }
}
