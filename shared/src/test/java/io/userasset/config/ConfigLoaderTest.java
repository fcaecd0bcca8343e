package io.userasset.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void defaultsBindEverySection() {
        EngineConfig c = EngineConfig.defaults();
        assertThat(c.time().zoneId().getId()).isEqualTo("UTC");
        assertThat(c.events().maxEventBytes()).isEqualTo(65536);
        assertThat(c.events().segmentTrack()).containsKeys("Order Completed", "Order Refunded", "Signed Up");
        assertThat(c.rfm().windowDays()).isEqualTo(365);
        assertThat(c.alerts().rules()).extracting(AlertsConfig.AlertRule::name)
                .containsExactly("dau-drop", "asset-churn", "ltv-cac", "value-migration");
        assertThat(c.actions().types()).containsKeys("recall", "upgrade");
    }

    @Test
    void overridesMergeOverDefaultsAndKeepTheRest() {
        EngineConfig c = ConfigLoader.withOverrides("time: {zone: Asia/Shanghai}\nrfm: {windowDays: 180}\n");
        assertThat(c.time().zone()).isEqualTo("Asia/Shanghai");
        assertThat(c.rfm().windowDays()).isEqualTo(180);
        assertThat(c.rfm().minCustomersForCuts()).isEqualTo(50);
        assertThat(c.clv().horizonDays()).isEqualTo(90);
    }

    @Test
    void namedMapsAreReplacedWhole() {
        EngineConfig c = ConfigLoader.withOverrides("{\"events\": {\"segmentTrack\": {\"Purchase\": "
                + "{\"type\": \"order_paid\", \"amountProperties\": [\"value\"], \"orderIdProperty\": \"id\"}}}}");
        assertThat(c.events().segmentTrack()).containsOnlyKeys("Purchase");
    }

    @Test
    void unknownKeysAreRejectedWithTheirPath() {
        assertThatThrownBy(() -> ConfigLoader.withOverrides("rfm: {windowDayz: 180}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rfm.windowDayz");
    }

    @Test
    void theRemovedSketchSizeIsAnUnknownKey() {
        // rfm.sketchK (KLL) is gone: cut points come from a deterministic histogram with nothing to tune
        assertThatThrownBy(() -> ConfigLoader.withOverrides("rfm: {sketchK: 200}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rfm.sketchK");
    }

    @Test
    void wrongTypesAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.withOverrides("rfm: {windowDays: lots}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid configuration");
    }
}
