package io.userasset.config;

import io.userasset.events.ParserSettings;

/**
 * The one configuration of the engine: every threshold, weight, window and rule. Defaults and their
 * documentation live in {@code userasset-defaults.yaml} (shared/src/main/resources); a deployment
 * overrides any subset with its own file, merged over the defaults by {@link ConfigLoader}.
 */
public record EngineConfig(
        TimeConfig time,
        ParserSettings events,
        ProfileConfig profile,
        RfmConfig rfm,
        LifecycleConfig lifecycle,
        ValueConfig value,
        GrowthConfig growth,
        ChurnConfig churn,
        ClvConfig clv,
        DailyConfig daily,
        AlertsConfig alerts,
        ActionsConfig actions) {

    public static EngineConfig defaults() {
        return ConfigLoader.defaults();
    }
}
