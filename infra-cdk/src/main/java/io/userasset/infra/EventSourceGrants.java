package io.userasset.infra;

import io.userasset.tables.ResourceCatalog;
import software.amazon.awscdk.Stack;

/** cdk-nag findings in the grants CDK itself makes for event sources, destinations and targets. */
final class EventSourceGrants {
    private EventSourceGrants() {}

    /** Functions whose event source or async invocation has an SQS failure destination. */
    static final java.util.Set<String> WITH_FAILURE_QUEUE = java.util.Set.of(ResourceCatalog.PROFILE_STREAM.logicalName(),
            ResourceCatalog.INGEST_KINESIS.logicalName(), ResourceCatalog.DAILY_COORDINATOR.logicalName());

    static void suppress(Stack stack, DeploymentSettings settings, EngineFunctions functions) {
        // DynamoEventSource grants the stream reads on the stream ARN, plus dynamodb:ListStreams on "*".
        Nag.suppressFindings(functions.get(ResourceCatalog.PROFILE_STREAM).role(), "IAM5",
                "dynamodb:ListStreams (granted by the DynamoDB stream event source) has no resource-level permissions: "
                        + "AWS requires Resource \"*\" for it. The stream reads themselves are scoped to the profiles table's stream ARN.",
                "^Resource::\\*$");
        if (settings.kmsKey()) {
            // Queue.grantSendMessages (behind the SqsDlq / SqsDestination failure destinations) grants the
            // key's encrypt/decrypt family: kms:GenerateDataKey* and kms:ReEncrypt*.
            functions.all().values().stream()
                    .filter(f -> WITH_FAILURE_QUEUE.contains(f.spec().logicalName()))
                    .forEach(f -> Nag.suppressFindings(f.role(), "IAM5",
                    "CDK's grant for sending to a failure queue encrypted with the app's key: the action wildcards "
                            + "cover only the GenerateDataKey*/ReEncrypt* variants, on that one key's ARN.",
                    "^Action::kms:GenerateDataKey\\*$", "^Action::kms:ReEncrypt\\*$"));
        }
    }
}
