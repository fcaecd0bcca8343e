package io.userasset.infra;

import io.userasset.tables.FunctionSpec;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Lambda function per deployed {@link FunctionSpec} of the catalog, all from the one
 * function.jar: Java 17 on arm64 (Graviton: ~20 % cheaper per GB-s), SnapStart on published
 * versions, memory and timeout from the spec, an alias {@value #ALIAS} on the current version
 * (event sources and the schedule invoke the alias, so they always run the snapshotted version),
 * its own log group and its own role, which starts empty apart from writing its log group; what
 * else a function may do is granted by the stack through {@link Access}.
 */
public final class EngineFunctions extends Construct {
    public static final String ALIAS = "live";
    /** Lambda's limit on all environment variables of a function together. */
    public static final int ENV_LIMIT_BYTES = 4096;
    /** A deploy-time value (a table name, a queue URL) is assumed this long when checking the limit. */
    static final int TOKEN_ESTIMATE_BYTES = 160;
    /**
     * C1-only JIT: the short, latency-bound handlers start faster after a restore and reach steady
     * state sooner; the 15-minute CPU-bound daily worker and reducer keep the full tiered JIT, whose
     * C2 code pays off over their long runs.
     */
    public static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    static final Set<String> FULL_JIT = Set.of(ResourceCatalog.DAILY_WORKER.logicalName(), ResourceCatalog.DAILY_REDUCER.logicalName());

    /** A deployed function: its spec, the function, the alias everything invokes, its role and log group. */
    public record EngineFunction(FunctionSpec spec, Function function, Alias alias, Role role, LogGroup logGroup, Access access) {}

    private final Map<String, EngineFunction> functions = new LinkedHashMap<>();

    public EngineFunctions(Construct scope, String id, DeploymentSettings settings, Optional<IKey> key,
                           List<FunctionSpec> deployed, Map<String, String> environment, Path jar) {
        super(scope, id);
        AssetCode code = Code.fromAsset(jar.toString());
        for (FunctionSpec spec : deployed) {
            functions.put(spec.logicalName(), function(spec, settings, key, environment, code));
        }
    }

    private EngineFunction function(FunctionSpec spec, DeploymentSettings settings, Optional<IKey> key,
                                    Map<String, String> sharedEnv, AssetCode code) {
        Construct scope = new Construct(this, spec.logicalName());
        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("User Asset Engine " + spec.logicalName() + " function")
                .build();
        LogGroup.Builder lg = LogGroup.Builder.create(scope, "Logs")
                .retention(retention(settings.logRetentionDays()))
                .removalPolicy(settings.destroyOnRemove() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);
        key.ifPresent(lg::encryptionKey);
        LogGroup logGroup = lg.build();
        logGroup.grantWrite(role);

        Map<String, String> env = new LinkedHashMap<>(sharedEnv);
        if (!FULL_JIT.contains(spec.logicalName())) env.put("JAVA_TOOL_OPTIONS", C1_ONLY);
        checkEnvironmentSize(spec, env);

        Function.Builder fb = Function.Builder.create(scope, "Function")
                .description("User Asset Engine: " + spec.logicalName())
                .code(code)
                .handler(spec.handler() + "::handleRequest")
                .runtime(Runtime.JAVA_17)
                .architecture(Architecture.ARM_64)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeout().toSeconds()))
                .role(role)
                .logGroup(logGroup)
                .environment(env);
        if (settings.tracing()) fb.tracing(Tracing.ACTIVE);
        key.ifPresent(fb::environmentEncryption);
        Integer reserved = reservedConcurrency(spec, settings);
        if (reserved != null) fb.reservedConcurrentExecutions(reserved);
        Function fn = fb.build();
        Alias alias = Alias.Builder.create(scope, "Alias").aliasName(ALIAS).version(fn.getCurrentVersion()).build();
        Annotations.of(fn).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "every deploy publishes the current version and moves the alias '" + ALIAS + "' to it");

        Nag.suppress(fn, "L1", "The engine is built and tested for Java 17 (maven.compiler.release 17, TOOLCHAIN.md); "
                + "java17 is a supported Lambda runtime with SnapStart on arm64. Moving to a newer Java runtime is a "
                + "deliberate, tested upgrade, not a synth-time default.");
        if (settings.tracing()) {
            Nag.suppressFindings(role, "IAM5", "X-Ray PutTraceSegments/PutTelemetryRecords do not support "
                    + "resource-level permissions; AWS requires Resource \"*\" for active tracing.", "^Resource::\\*$");
        }
        return new EngineFunction(spec, fn, alias, role, logGroup, new Access(role, key));
    }

    /** The daily worker and reducer may reserve their maximum concurrency (context reservedConcurrency=true). */
    static Integer reservedConcurrency(FunctionSpec spec, DeploymentSettings settings) {
        if (!settings.reservedConcurrency()) return null;
        if (spec.logicalName().equals(ResourceCatalog.DAILY_WORKER.logicalName())) return settings.dailyWorkerConcurrency();
        if (spec.logicalName().equals(ResourceCatalog.DAILY_REDUCER.logicalName())) return ResourceCatalog.DAILY_REDUCER_MAX_CONCURRENCY;
        return null;
    }

    /** Fails synth when the environment (USERASSET_CONFIG above all) would exceed Lambda's 4 KB. */
    static void checkEnvironmentSize(FunctionSpec spec, Map<String, String> env) {
        int bytes = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            bytes += Token.isUnresolved(e.getValue()) ? TOKEN_ESTIMATE_BYTES : e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > ENV_LIMIT_BYTES) {
            int config = env.getOrDefault(ResourceCatalog.Env.CONFIG, "").getBytes(StandardCharsets.UTF_8).length;
            throw new IllegalArgumentException("the environment of function " + spec.logicalName() + " would be about "
                    + bytes + " bytes, over Lambda's " + ENV_LIMIT_BYTES + "-byte limit; the configuration override "
                    + "(context configFile, passed as " + ResourceCatalog.Env.CONFIG + ") takes " + config
                    + " bytes of it as compact JSON. Keep only the keys you change in the override file.");
        }
    }

    /** The retention periods CloudWatch Logs offers, in days. */
    private static final Map<Integer, RetentionDays> RETENTIONS = retentions();

    private static Map<Integer, RetentionDays> retentions() {
        int[] days = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};
        RetentionDays[] values = {RetentionDays.ONE_DAY, RetentionDays.THREE_DAYS, RetentionDays.FIVE_DAYS,
                RetentionDays.ONE_WEEK, RetentionDays.TWO_WEEKS, RetentionDays.ONE_MONTH, RetentionDays.TWO_MONTHS,
                RetentionDays.THREE_MONTHS, RetentionDays.FOUR_MONTHS, RetentionDays.FIVE_MONTHS, RetentionDays.SIX_MONTHS,
                RetentionDays.ONE_YEAR, RetentionDays.THIRTEEN_MONTHS, RetentionDays.EIGHTEEN_MONTHS, RetentionDays.TWO_YEARS,
                RetentionDays.THREE_YEARS, RetentionDays.FIVE_YEARS, RetentionDays.SIX_YEARS, RetentionDays.SEVEN_YEARS,
                RetentionDays.EIGHT_YEARS, RetentionDays.NINE_YEARS, RetentionDays.TEN_YEARS};
        Map<Integer, RetentionDays> m = new LinkedHashMap<>();
        for (int i = 0; i < days.length; i++) m.put(days[i], values[i]);
        return m;
    }

    static RetentionDays retention(int days) {
        RetentionDays r = RETENTIONS.get(days);
        if (r == null) {
            throw new IllegalArgumentException("context logRetentionDays " + days + " is not a CloudWatch Logs retention; use one of "
                    + RETENTIONS.keySet());
        }
        return r;
    }

    public EngineFunction get(FunctionSpec spec) {
        EngineFunction f = functions.get(spec.logicalName());
        if (f == null) throw new IllegalArgumentException("function " + spec.logicalName() + " is not deployed");
        return f;
    }

    public Map<String, EngineFunction> all() {
        return functions;
    }
}
