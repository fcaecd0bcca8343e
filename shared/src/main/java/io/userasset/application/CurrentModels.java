package io.userasset.application;

import io.userasset.config.EngineConfig;
import io.userasset.domain.assessment.ModelSet;
import io.userasset.domain.assessment.ProfileAssessor;
import io.userasset.observability.JsonLog;
import io.userasset.ports.ModelStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The models streaming scoring uses: the latest the daily job published, re-read at most once per
 * refresh interval (they change once a day), or the documented defaults before the first run.
 * A failed refresh keeps the models in hand: scoring with yesterday's models beats failing a batch.
 */
public final class CurrentModels {
    private final EngineConfig config;
    private final ModelStore store;
    private final Clock clock;
    private final Duration refreshEvery;
    private volatile ProfileAssessor assessor;
    private volatile Instant loadedAt = Instant.MIN;

    public CurrentModels(EngineConfig config, ModelStore store, Clock clock, Duration refreshEvery) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
    }

    public ProfileAssessor assessor() {
        Instant now = clock.instant();
        ProfileAssessor current = assessor;
        if (current == null || !now.isBefore(loadedAt.plus(refreshEvery))) {
            synchronized (this) {
                if (assessor == null || !now.isBefore(loadedAt.plus(refreshEvery))) {
                    assessor = load(assessor);
                    loadedAt = now;
                }
                current = assessor;
            }
        }
        return current;
    }

    /** Forget the cached models: the next call reads the store (after a daily run in the same process). */
    public void invalidate() {
        loadedAt = Instant.MIN;
    }

    private ProfileAssessor load(ProfileAssessor previous) {
        try {
            ModelSet models = store.latest().orElseGet(() -> ModelSet.defaults(config));
            if (previous != null && previous.models().equals(models)) return previous;
            return new ProfileAssessor(config, models);
        } catch (RuntimeException e) {
            if (previous == null) {
                JsonLog.error("models could not be read; scoring with the defaults", e);
                return new ProfileAssessor(config, ModelSet.defaults(config));
            }
            JsonLog.error("models could not be refreshed; keeping the ones in hand", e);
            return previous;
        }
    }
}
