package io.userasset.domain.scoring;

import io.userasset.config.ConfigLoader;

/** Helpers shared by the scoring tests. */
public final class TestPopulation {
    private TestPopulation() {}

    public static final int AS_OF = 20_000; // 2024-10-04 as an epoch day

    /** Defaults with population minimums lowered to 1, so that tiny hand-computed populations replace the defaults. */
    public static ScoringConfig smallPopulationConfig() {
        return ScoringConfig.from(ConfigLoader.withOverrides(
                "rfm: {minCustomersForCuts: 1}\nvalue: {minPopulation: 1}\n"));
    }

    /** A customer with R days since the last order, F orders and M net revenue in the window; nothing else. */
    public static ScoreInputs customer(int r, int f, double m) {
        return new ScoreInputs(AS_OF, AS_OF - 500, AS_OF - r, AS_OF - r, f, m, 0, 0, 0, 0, 0, 0);
    }

    /** A registered user who never ordered, last active {@code quietDays} ago. */
    public static ScoreInputs nonBuyer(int quietDays) {
        return new ScoreInputs(AS_OF, AS_OF - 100, AS_OF - quietDays, null, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
