package io.userasset.infra;

import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthesizes each variant of the stack once per test JVM (a synth costs seconds) and shares the
 * result between test classes.
 */
final class Synth {
    record Result(UserAssetStack stack, Template template, Annotations annotations) {}

    static final Map<String, Object> DEFAULT = Map.of();
    static final Map<String, Object> KINESIS = Map.of("kinesis", "true", "tracing", "true", "alarmEmail", "ops@example.com");
    static final Map<String, Object> FIFO = Map.of("fifoIngest", "true");
    static final Map<String, Object> KMS = Map.of("kmsKey", "true", "destroyOnRemove", "true", "kinesis", "true",
            "reservedConcurrency", "true");

    private static final Map<Map<String, Object>, Result> CACHE = new ConcurrentHashMap<>();

    private Synth() {}

    static synchronized Result of(Map<String, Object> context) {
        return CACHE.computeIfAbsent(context, c -> {
            UserAssetStack stack = InfraApp.create(c);
            Template template = Template.fromStack(stack);
            return new Result(stack, template, Annotations.fromStack(stack));
        });
    }
}
