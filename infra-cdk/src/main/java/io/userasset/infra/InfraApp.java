package io.userasset.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} run {@link #main} (see cdk.json), tests call
 * {@link #create} with their context. Both go through the same code, with the same feature flags.
 */
public final class InfraApp {
    /**
     * Feature flags the stack relies on, set in code so tests and the CLI synthesize the same
     * template. serverAccessLogsUseBucketPolicy: S3 access logs are delivered through a bucket
     * policy, as the log bucket has ACLs disabled (BucketOwnerEnforced).
     */
    static final Map<String, Object> FEATURE_FLAGS = Map.of(
            "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);

    private InfraApp() {}

    public static void main(String[] args) {
        App app = new App();
        FEATURE_FLAGS.forEach((k, v) -> app.getNode().setContext(k, v));
        build(app);
        app.synth();
    }

    /** A synthesizable app with the given context (tests): the context of cdk.json plus overrides. */
    public static UserAssetStack create(Map<String, Object> context) {
        Map<String, Object> ctx = new LinkedHashMap<>(FEATURE_FLAGS);
        ctx.putAll(context);
        App app = new App(AppProps.builder().context(ctx).build());
        return build(app);
    }

    private static UserAssetStack build(App app) {
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        UserAssetStack stack = new UserAssetStack(app, settings, FunctionJar.locate());
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stack;
    }
}
