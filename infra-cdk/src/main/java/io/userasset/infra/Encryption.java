package io.userasset.infra;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's customer-managed KMS key (context kmsKey=true), used by the tables, queues, stream,
 * bucket, event bus, schedule, log groups and alarm topic. Without it every resource uses its
 * AWS-managed (or service-owned) encryption.
 */
public final class Encryption extends Construct {
    private final Optional<Key> key;

    public Encryption(Construct scope, String id, DeploymentSettings settings) {
        super(scope, id);
        if (!settings.kmsKey()) {
            key = Optional.empty();
            return;
        }
        Key k = Key.Builder.create(this, "Key")
                .description("User Asset Engine data key (" + settings.stackName() + ")")
                .alias("alias/" + settings.stackName().toLowerCase(java.util.Locale.ROOT) + "-data")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(7))
                .removalPolicy(settings.destroyOnRemove() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
                .build();
        // CloudWatch Logs encrypts the functions' log groups with the key (scoped to this account's log groups).
        k.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchLogsEncryptsLogGroups")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("logs." + Aws.REGION + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:*")))
                .build());
        allowCloudWatchAlarms(k);
        key = Optional.of(k);
    }

    public Optional<IKey> key() {
        return key.map(k -> (IKey) k);
    }

    /** CloudWatch alarms publish to an SNS topic encrypted with this key only if the key policy lets them. */
    static void allowCloudWatchAlarms(Key k) {
        k.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublishToEncryptedTopic")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
    }
}
