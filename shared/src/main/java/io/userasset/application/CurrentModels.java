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
 * A read is tried a few times; if it still fails, the batch is scored with the models in hand
 * (yesterday's beat failing a batch) and the next batch tries again.
 */
public final class CurrentModels {
    static final int READ_ATTEMPTS = 3;

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
                if (assessor == null || !now.isBefore(loadedAt.plus(refreshEvery))) refresh(now);
                current = assessor;
            }
        }
        return current;
    }

    /** Forget the cached models: the next call reads the store (after a daily run in the same process). */
    public void invalidate() {
        loadedAt = Instant.MIN;
    }

    private void refresh(Instant now) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
            try {
                ModelSet models = store.latest().orElseGet(() -> ModelSet.defaults(config));
                if (assessor == null || !assessor.models().equals(models)) assessor = new ProfileAssessor(config, models);
                loadedAt = now;
                return;
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (assessor == null) {
            JsonLog.error("models could not be read; scoring with the defaults until a read succeeds", failure);
            assessor = new ProfileAssessor(config, ModelSet.defaults(config));
        } else {
            JsonLog.error("models could not be refreshed; keeping the ones in hand until a read succeeds", failure);
        }
    }
}
