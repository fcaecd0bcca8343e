package io.userasset.functions;

import io.userasset.domain.profile.ProfileCodec;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.domain.profile.ProfileFold;
import io.userasset.events.EventParser;
import io.userasset.events.ParseResult;
import io.userasset.observability.JsonLog;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Holds the container's {@link Engine} and, under SnapStart, warms the hot code paths before the
 * snapshot: parsing, schema validation, folding and encoding run a few thousand times on a sample
 * event, so classes are loaded and JIT-compiled in the snapshot instead of on the first request.
 * It makes no network call: connections opened before a snapshot would be stale after restore.
 */
public final class Priming implements Resource {
    private static final String SAMPLE = "{\"eventId\":\"prime-%d\",\"type\":\"order_paid\",\"userId\":\"prime-user\","
            + "\"occurredAt\":\"2026-01-01T10:00:00Z\",\"properties\":{\"orderId\":\"o-%d\",\"amount\":12.5,\"currency\":\"%s\"}}";
    private static Engine engine;
    private static Priming registered;

    private Priming() {}

    public static synchronized Engine engine() {
        if (engine == null) {
            engine = Engine.fromEnvironment();
            registered = new Priming(); // strong reference: CRaC keeps resources weakly
            Core.getGlobalContext().register(registered);
        }
        return engine;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime(engine);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        JsonLog.info("restored from snapshot");
    }

    /** Exercises parse → fold → encode without touching the network. */
    static void prime(Engine engine) {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);
        EventParser parser = new EventParser(engine.config().events(), fixed);
        ProfileFold fold = new ProfileFold(engine.days(), engine.config().profile().dedupHorizonDays(),
                engine.config().rfm().windowDays());
        ProfileFacts facts = fold.empty();
        for (int i = 0; i < 2_000; i++) {
            String json = String.format(SAMPLE, i, i % 50, engine.config().events().currency());
            if (parser.parse(json.getBytes(StandardCharsets.UTF_8)) instanceof ParseResult.Accepted a) {
                fold.apply(facts, a.event());
            }
            ProfileCodec.decode(ProfileCodec.encode(facts), fold.windowWeeks());
        }
    }
}
