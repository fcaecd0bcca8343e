package io.userasset.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.userasset.config.ConfigLoader;
import io.userasset.config.EngineConfig;
import io.userasset.tables.ResourceCatalog;
import software.constructs.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything a deployment can choose, read from CDK context ({@code cdk.json} or {@code -c key=value}),
 * plus the engine configuration the deployment runs with. Every key and its default is listed in
 * {@link #DEFAULTS}; cdk.json repeats them (a test keeps the two equal).
 *
 * @param stackName              CloudFormation stack name (also prefixes the Glue database name)
 * @param kmsKey                 one customer-managed KMS key for tables, queues, stream, bucket, bus, logs, topic
 * @param destroyOnRemove        dev/test: data resources are deleted with the stack (bucket emptied first)
 * @param kinesis                also deploy a Kinesis stream + the ingest-kinesis function
 * @param fifoIngest             make the ingest queue FIFO (message group = user, deduplication id = event id)
 * @param ingestMaxConcurrency   most concurrent ingest-sqs invocations the SQS event source starts
 * @param dailyWorkerConcurrency most concurrent daily workers
 * @param reservedConcurrency    also reserve concurrency for the daily worker and reducer (= their maxima)
 * @param logRetentionDays       retention of every function's log group
 * @param tracing                X-Ray active tracing on every function
 * @param alarmEmail             e-mail address subscribed to the alarm topic, if any
 * @param configFile             the engine configuration override file, if any
 * @param overrideJson           the override the functions receive in USERASSET_CONFIG (compact JSON), if any
 * @param config                 the merged engine configuration (defaults + override)
 */
public record DeploymentSettings(String stackName, boolean kmsKey, boolean destroyOnRemove, boolean kinesis,
                                 boolean fifoIngest,
                                 int ingestMaxConcurrency, int dailyWorkerConcurrency, boolean reservedConcurrency,
                                 int logRetentionDays, boolean tracing, Optional<String> alarmEmail,
                                 Optional<Path> configFile, Optional<String> overrideJson, EngineConfig config) {

    /** Every context key the app reads, with its default (as written in cdk.json). */
    public static final Map<String, Object> DEFAULTS;
    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stackName", "UserAssetEngine");
        d.put("kmsKey", false);
        d.put("destroyOnRemove", false);
        d.put("kinesis", false);
        d.put("fifoIngest", false);
        d.put("ingestMaxConcurrency", 20);
        d.put("dailyWorkerConcurrency", ResourceCatalog.DAILY_WORKER_MAX_CONCURRENCY);
        d.put("reservedConcurrency", false);
        d.put("logRetentionDays", 30);
        d.put("tracing", false);
        d.put("alarmEmail", "");
        d.put("configFile", "");
        d.put("timeZone", "");
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final Pattern IANA_ZONE = Pattern.compile("UTC|[A-Za-z_]+(/[A-Za-z0-9_+\\-]+)+");

    public static DeploymentSettings fromContext(Node node) {
        return fromContext(key -> node.tryGetContext(key));
    }

    /** @param context the raw context value of a key (String from the command line, JSON types from cdk.json), or null */
    public static DeploymentSettings fromContext(Function<String, Object> context) {
        Function<String, String> text = key -> {
            Object v = context.apply(key);
            if (v == null) v = DEFAULTS.get(key);
            return v == null ? "" : v.toString().trim();
        };
        String stackName = text.apply("stackName");
        if (!STACK_NAME.matcher(stackName).matches()) {
            throw new IllegalArgumentException("context stackName '" + stackName + "' is not a valid stack name");
        }
        Optional<Path> configFile = optional(text.apply("configFile")).map(Path::of);
        Optional<String> zone = optional(text.apply("timeZone"));
        zone.ifPresent(DeploymentSettings::checkZone);
        Optional<String> override = overrideJson(configFile, zone);
        EngineConfig config = override.map(ConfigLoader::withOverrides).orElseGet(ConfigLoader::defaults);
        checkZone(config.time().zone());
        return new DeploymentSettings(stackName,
                bool(text, "kmsKey"), bool(text, "destroyOnRemove"), bool(text, "kinesis"), bool(text, "fifoIngest"),
                integer(text, "ingestMaxConcurrency", 2, 1000),
                integer(text, "dailyWorkerConcurrency", 2, 1000),
                bool(text, "reservedConcurrency"),
                integer(text, "logRetentionDays", 1, 3653),
                bool(text, "tracing"),
                optional(text.apply("alarmEmail")),
                configFile, override, config);
    }

    /** The IANA time zone that defines a day (engine config time.zone, or context timeZone over it). */
    public String timeZone() {
        return config.time().zone();
    }

    /**
     * The override file (YAML or JSON, comments dropped) as compact JSON, with context timeZone set
     * as time.zone so that the schedule and the functions agree on what a day is. Unknown keys fail
     * here, at synth, not in a deployed function.
     */
    static Optional<String> overrideJson(Optional<Path> configFile, Optional<String> zone) {
        if (configFile.isEmpty() && zone.isEmpty()) return Optional.empty();
        ObjectNode tree = JSON.createObjectNode();
        if (configFile.isPresent()) {
            Path file = configFile.get();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("context configFile: no such file " + file
                        + " (relative paths are resolved against the directory cdk runs in, infra-cdk/)");
            }
            try {
                JsonNode read = YAML.readTree(Files.readString(file));
                if (read != null && !read.isMissingNode() && !read.isNull()) {
                    if (!read.isObject()) throw new IllegalArgumentException("configFile " + file + " must be a mapping");
                    tree = (ObjectNode) read;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read configFile " + file + ": " + e.getMessage(), e);
            }
        }
        if (zone.isPresent()) {
            JsonNode time = tree.get("time");
            ObjectNode timeNode = time instanceof ObjectNode o ? o : tree.putObject("time");
            timeNode.put("zone", zone.get());
        }
        String json;
        try {
            json = JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigLoader.withOverrides(json); // validates: unknown keys, wrong types
        return Optional.of(json);
    }

    private static void checkZone(String zone) {
        boolean ok = IANA_ZONE.matcher(zone).matches();
        if (ok) {
            try {
                ZoneId.of(zone);
            } catch (RuntimeException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("time zone '" + zone + "' is not an IANA time zone name (e.g. UTC, Asia/Shanghai)");
        }
    }

    private static Optional<String> optional(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static boolean bool(Function<String, String> text, String key) {
        String v = text.apply(key).toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new IllegalArgumentException("context " + key + " must be true or false, not '" + v + "'");
        };
    }

    private static int integer(Function<String, String> text, String key, int min, int max) {
        String v = text.apply(key);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (Double.isNaN(d) || d != Math.rint(d)) {
            throw new IllegalArgumentException("context " + key + " must be a whole number, not '" + v + "'");
        }
        int n = (int) d;
        if (n < min || n > max) {
            throw new IllegalArgumentException("context " + key + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }
}
