package io.userasset.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rfm, lifecycle, value, growth and churn sections: documented defaults bind, nonsense is rejected on load. */
class ScoringConfigSectionsTest {

    @Test
    void defaults() {
        EngineConfig c = EngineConfig.defaults();
        assertThat(c.rfm().minCustomersForCuts()).isEqualTo(50);
        assertThat(c.rfm().segmentSchemes()).containsExactly("rfm8", "rfm11");
        assertThat(c.rfm().defaultRecencyCuts()).containsExactly(30.0, 90.0, 180.0, 365.0);
        assertThat(c.rfm().defaultFrequencyCuts()).containsExactly(1.0, 2.0, 3.0, 5.0);
        assertThat(c.rfm().defaultMonetaryCuts()).containsExactly(50.0, 100.0, 250.0, 500.0);
        assertThat(List.of(c.rfm().defaultMeanRecencyDays(), c.rfm().defaultMeanFrequency(), c.rfm().defaultMeanMonetary()))
                .containsExactly(120.0, 2.5, 200.0);
        assertThat(c.lifecycle()).isEqualTo(new LifecycleConfig(3, 30, 2.0, 14, 30, 90, 0.05, true));
        assertThat(c.value()).isEqualTo(new ValueConfig(0.40, 0.15, 0.10, 0.20, 0.15, 30, 365, 5, 50));
        assertThat(c.growth()).isEqualTo(new GrowthConfig(40, 70, 60, 80, 5));
        assertThat(c.churn()).isEqualTo(new ChurnConfig(0.6, 0.4, 0.7));
    }

    @Test
    void invalidValuesAreRejected() {
        for (String bad : List.of(
                "rfm: {minCustomersForCuts: 0}",
                "rfm: {segmentSchemes: [rfm9]}",
                "rfm: {defaultRecencyCuts: [90, 30, 180, 365]}",
                "rfm: {defaultFrequencyCuts: [1, 2, 3]}",
                "lifecycle: {dormancyRhythmFactor: 0}",
                "lifecycle: {churnPAliveThreshold: 1.5}",
                "value: {consumptionWeight: 0, socialWeight: 0, contentWeight: 0, activityWeight: 0, loyaltyWeight: 0}",
                "value: {socialWeight: -1}",
                "growth: {potentialComposite: 80}",
                "churn: {mediumAt: 0.8}")) {
            assertThatThrownBy(() -> ConfigLoader.withOverrides(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid configuration");
        }
    }
}
