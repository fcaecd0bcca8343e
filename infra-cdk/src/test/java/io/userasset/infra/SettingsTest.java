package io.userasset.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.tables.ResourceCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Context parsing and the checks that fail synth early, without synthesizing a stack. */
class SettingsTest {
    static DeploymentSettings settings(Map<String, Object> context) {
        return DeploymentSettings.fromContext(context::get);
    }

    @Test
    void cdkJsonListsEveryContextKeyWithTheCodeDefault() throws IOException {
        JsonNode context = new ObjectMapper().readTree(Path.of("cdk.json").toFile()).get("context");
        Map<String, Object> inJson = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("cli-telemetry")) continue;
            JsonNode v = e.getValue();
            inJson.put(e.getKey(), v.isBoolean() ? v.booleanValue() : v.isInt() ? v.intValue() : v.asText());
        }
        assertThat(inJson).isEqualTo(DeploymentSettings.DEFAULTS);
        assertThat(context.get("cli-telemetry").booleanValue()).isFalse();
        assertThat(new ObjectMapper().readTree(Path.of("cdk.json").toFile()).get("notices").booleanValue()).isFalse();
    }

    @Test
    void defaults() {
        DeploymentSettings s = settings(Map.of());
        assertThat(s.stackName()).isEqualTo("UserAssetEngine");
        assertThat(s.kmsKey()).isFalse();
        assertThat(s.kinesis()).isFalse();
        assertThat(s.destroyOnRemove()).isFalse();
        assertThat(s.ingestMaxConcurrency()).isEqualTo(20);
        assertThat(s.dailyWorkerConcurrency()).isEqualTo(ResourceCatalog.DAILY_WORKER_MAX_CONCURRENCY);
        assertThat(s.logRetentionDays()).isEqualTo(30);
        assertThat(s.overrideJson()).isEmpty();
        assertThat(s.timeZone()).isEqualTo("UTC");
        assertThat(s.config().daily().cronHourLocal()).isEqualTo(2);
    }

    @Test
    void commandLineStringsAndCdkJsonTypesBothParse() {
        DeploymentSettings s = settings(Map.of("kmsKey", "true", "kinesis", true, "ingestMaxConcurrency", "50",
                "logRetentionDays", 90, "alarmEmail", "a@b.c"));
        assertThat(s.kmsKey()).isTrue();
        assertThat(s.kinesis()).isTrue();
        assertThat(s.ingestMaxConcurrency()).isEqualTo(50);
        assertThat(s.logRetentionDays()).isEqualTo(90);
        assertThat(s.alarmEmail()).contains("a@b.c");
    }

    @Test
    void badValuesFailWithTheKeyNamed() {
        assertThatThrownBy(() -> settings(Map.of("kmsKey", "maybe"))).hasMessageContaining("kmsKey");
        assertThatThrownBy(() -> settings(Map.of("ingestMaxConcurrency", "1"))).hasMessageContaining("ingestMaxConcurrency");
        assertThatThrownBy(() -> settings(Map.of("ingestMaxConcurrency", "2.5"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> settings(Map.of("timeZone", "+08:00"))).hasMessageContaining("IANA");
        assertThatThrownBy(() -> settings(Map.of("timeZone", "Mars/Olympus"))).hasMessageContaining("IANA");
        assertThatThrownBy(() -> settings(Map.of("stackName", "1bad name"))).hasMessageContaining("stackName");
        assertThatThrownBy(() -> settings(Map.of("configFile", "no/such/file.yaml"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> EngineFunctions.retention(31)).hasMessageContaining("logRetentionDays");
    }

    @Test
    void configOverrideIsValidatedAndPassedAsCompactJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("o.yaml");
        Files.writeString(file, "# comment\ntime:\n  zone: Europe/Berlin\nrfm:\n  windowDays: 180\n");
        DeploymentSettings s = settings(Map.of("configFile", file.toString()));
        assertThat(s.overrideJson()).contains("{\"time\":{\"zone\":\"Europe/Berlin\"},\"rfm\":{\"windowDays\":180}}");
        assertThat(s.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(s.config().rfm().windowDays()).isEqualTo(180);
        // context timeZone wins over the file, and the functions get it too
        DeploymentSettings z = settings(Map.of("configFile", file.toString(), "timeZone", "Asia/Tokyo"));
        assertThat(z.timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(z.overrideJson().orElseThrow()).contains("\"zone\":\"Asia/Tokyo\"");
        // a typo fails synth instead of silently keeping a default
        Files.writeString(file, "rfm:\n  windowDayz: 180\n");
        assertThatThrownBy(() -> settings(Map.of("configFile", file.toString()))).hasMessageContaining("windowDayz");
    }

    @Test
    void anEnvironmentOverLambdasLimitFailsSynthWithAClearMessage() {
        Map<String, String> env = new HashMap<>();
        env.put(ResourceCatalog.Env.PROFILES_TABLE, "t");
        env.put(ResourceCatalog.Env.CONFIG, "{\"x\":\"" + "y".repeat(4100) + "\"}");
        assertThatThrownBy(() -> EngineFunctions.checkEnvironmentSize(ResourceCatalog.DAILY_WORKER, env))
                .hasMessageContaining("4096").hasMessageContaining(ResourceCatalog.Env.CONFIG).hasMessageContaining("daily-worker");
        env.put(ResourceCatalog.Env.CONFIG, "{\"daily\":{\"cronHourLocal\":3}}");
        EngineFunctions.checkEnvironmentSize(ResourceCatalog.DAILY_WORKER, env);
    }

    @Test
    void functionJarIsFoundFromTheModuleDirectoryOrAClearErrorIsGiven(@TempDir Path dir) {
        assertThat(FunctionJar.locate()).endsWith(FunctionJar.RELATIVE).isRegularFile();
        assertThat(FunctionJar.projectRoot(Path.of("").toAbsolutePath()).resolve(FunctionJar.RELATIVE)).isRegularFile();
        String old = System.getProperty(FunctionJar.PROPERTY);
        System.setProperty(FunctionJar.PROPERTY, dir.resolve("missing.jar").toString());
        try {
            assertThatThrownBy(FunctionJar::locate).hasMessageContaining("does not exist");
        } finally {
            if (old == null) System.clearProperty(FunctionJar.PROPERTY); else System.setProperty(FunctionJar.PROPERTY, old);
        }
    }
}
