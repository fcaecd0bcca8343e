package io.userasset.config;

import io.userasset.events.ParserSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ParserSettings.defaults() (events module, no YAML there) must mirror the configuration file's defaults. */
class ParserSettingsDriftTest {

    @Test
    void parserDefaultsMatchTheConfigurationFile() {
        assertThat(ParserSettings.defaults()).isEqualTo(EngineConfig.defaults().events());
    }
}
