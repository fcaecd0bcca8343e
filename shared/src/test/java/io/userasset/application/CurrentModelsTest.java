package io.userasset.application;

import io.userasset.config.EngineConfig;
import io.userasset.domain.assessment.ModelSet;
import io.userasset.ports.ModelStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentModelsTest {
    private static final EngineConfig CONFIG = EngineConfig.defaults();
    private static final ModelSet DEFAULTS = ModelSet.defaults(CONFIG);
    private static final ModelSet DAY_10 = new ModelSet(10, DEFAULTS.scoring(), DEFAULTS.clv());
    private static final ModelSet DAY_11 = new ModelSet(11, DEFAULTS.scoring(), DEFAULTS.clv());

    /** A model store whose next reads fail. */
    static final class FlakyModelStore implements ModelStore {
        ModelSet latest;
        int failNextReads;
        int reads;

        @Override
        public Optional<ModelSet> latest() {
            reads++;
            if (failNextReads > 0) {
                failNextReads--;
                throw new IllegalStateException("injected: read throttled");
            }
            return Optional.ofNullable(latest);
        }

        @Override public Optional<ModelSet> forDay(int day) { return Optional.empty(); }
        @Override public Optional<ModelSet> latestBefore(int day) { return Optional.empty(); }
        @Override public void publish(ModelSet models) { latest = models; }
    }

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private final FlakyModelStore store = new FlakyModelStore();
    private final CurrentModels models = new CurrentModels(CONFIG, store, clock, Duration.ofMinutes(5));

    @Test
    void aReadThatFailsFewerTimesThanTheAttemptsStillGetsTheLatestModels() {
        store.latest = DAY_10;
        store.failNextReads = CurrentModels.READ_ATTEMPTS - 1;
        assertThat(models.assessor().models()).isEqualTo(DAY_10);
        assertThat(store.reads).isEqualTo(CurrentModels.READ_ATTEMPTS);
    }

    @Test
    void aFailedRefreshKeepsTheModelsInHandAndTheNextCallTriesAgain() {
        store.latest = DAY_10;
        assertThat(models.assessor().models()).isEqualTo(DAY_10);
        store.latest = DAY_11;
        models.invalidate();
        store.failNextReads = CurrentModels.READ_ATTEMPTS;
        assertThat(models.assessor().models()).as("scored with yesterday's models").isEqualTo(DAY_10);
        // same instant, within the refresh interval: a failed read is not cached
        assertThat(models.assessor().models()).isEqualTo(DAY_11);
        int reads = store.reads;
        models.assessor();
        assertThat(store.reads).as("a successful read is cached").isEqualTo(reads);
    }

    @Test
    void withoutAnyReadableModelsTheDefaultsScoreUntilAReadSucceeds() {
        store.latest = DAY_10;
        store.failNextReads = CurrentModels.READ_ATTEMPTS;
        assertThat(models.assessor().models()).isEqualTo(DEFAULTS);
        assertThat(models.assessor().models()).isEqualTo(DAY_10);
    }
}
