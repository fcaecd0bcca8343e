package io.userasset.tables;

import java.util.Map;
import java.util.Objects;

/**
 * The concrete names of one deployment's resources, as handlers see them: from the Lambda
 * environment (set by the CDK app) or handed over by the local cloud.
 */
public record ResourceNames(String profilesTable, String engineTable, String actionsTable, String bucket,
                            String eventBus, String dailyWorkQueueUrl, String dailyReduceQueueUrl) {

    public static ResourceNames fromEnvironment(Map<String, String> env) {
        return new ResourceNames(
                required(env, ResourceCatalog.Env.PROFILES_TABLE),
                required(env, ResourceCatalog.Env.ENGINE_TABLE),
                required(env, ResourceCatalog.Env.ACTIONS_TABLE),
                required(env, ResourceCatalog.Env.BUCKET),
                env.getOrDefault(ResourceCatalog.Env.EVENT_BUS, ""),
                env.getOrDefault(ResourceCatalog.Env.DAILY_WORK_QUEUE_URL, ""),
                env.getOrDefault(ResourceCatalog.Env.DAILY_REDUCE_QUEUE_URL, ""));
    }

    private static String required(Map<String, String> env, String name) {
        return Objects.requireNonNull(env.get(name), () -> "environment variable " + name + " is not set");
    }
}
