package io.userasset.infra;

import io.userasset.tables.TableSpec;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sqs.IQueue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The permissions of one function's role, granted statement by statement with explicit actions,
 * so that a reader (and IamPolicyTest) sees exactly what each function may do. KMS actions on the
 * app key (kmsKey=true) are gathered into one statement scoped to that key.
 */
public final class Access {
    /** What reading a table needs: point reads, queries, scans, condition checks in transactions, item count. */
    public static final List<String> TABLE_READ = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable");
    /** What writing a table needs (TransactWriteItems is authorized per contained action). */
    public static final List<String> TABLE_WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem");
    public static final List<String> KMS_TABLE_READ = List.of("kms:Decrypt", "kms:DescribeKey");
    public static final List<String> KMS_TABLE_WRITE = List.of("kms:Encrypt", "kms:GenerateDataKey");

    private final Role role;
    private final Optional<IKey> key;
    private final Set<String> kmsActions = new LinkedHashSet<>();
    private final List<String> wildcardFindings = new ArrayList<>();
    private PolicyStatement kmsStatement;

    Access(Role role, Optional<IKey> key) {
        this.role = role;
        this.key = key;
    }

    public Access readWrite(Table table, TableSpec spec) {
        List<String> actions = new ArrayList<>(TABLE_READ);
        actions.addAll(TABLE_WRITE);
        tableStatement(table, spec, actions);
        kms(KMS_TABLE_READ);
        kms(KMS_TABLE_WRITE);
        return this;
    }

    public Access read(Table table, TableSpec spec) {
        tableStatement(table, spec, TABLE_READ);
        kms(KMS_TABLE_READ);
        return this;
    }

    /** Item count and size, without reading any item (the coordinator sizes the scan with it). */
    public Access describe(Table table) {
        add(List.of("dynamodb:DescribeTable"), List.of(table.getTableArn()));
        return this;
    }

    private void tableStatement(Table table, TableSpec spec, List<String> actions) {
        List<String> resources = new ArrayList<>(List.of(table.getTableArn()));
        if (!spec.indexes().isEmpty()) {
            resources.add(table.getTableArn() + "/index/*");
            wildcardFindings.add("^Resource::<[A-Za-z0-9]+\\.Arn>/index/\\*$");
        }
        add(actions, resources);
    }

    /** s3:PutObject under each prefix (the object keys below a prefix are the wildcard). */
    public Access putObjects(Bucket bucket, String... prefixes) {
        List<String> resources = new ArrayList<>();
        for (String prefix : prefixes) {
            resources.add(bucket.arnForObjects(prefix + "*"));
            wildcardFindings.add("^Resource::<[A-Za-z0-9]+\\.Arn>/" + escape(prefix) + "\\*$");
        }
        add(List.of("s3:PutObject"), resources);
        kms(List.of("kms:GenerateDataKey"));
        return this;
    }

    /** s3:GetObject under a prefix, and listing only that prefix. */
    public Access getObjects(Bucket bucket, String prefix) {
        add(List.of("s3:GetObject"), List.of(bucket.arnForObjects(prefix + "*")));
        wildcardFindings.add("^Resource::<[A-Za-z0-9]+\\.Arn>/" + escape(prefix) + "\\*$");
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix + "*"))))
                .build());
        kms(List.of("kms:Decrypt"));
        return this;
    }

    /** sqs:SendMessage (also authorizes SendMessageBatch) on one queue. */
    public Access sendMessages(IQueue queue) {
        add(List.of("sqs:SendMessage"), List.of(queue.getQueueArn()));
        kms(List.of("kms:GenerateDataKey", "kms:Decrypt"));
        return this;
    }

    /** events:PutEvents on one bus. */
    public Access putEvents(IEventBus bus) {
        add(List.of("events:PutEvents"), List.of(bus.getEventBusArn()));
        return this;
    }

    private void add(List<String> actions, List<String> resources) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW).actions(actions).resources(resources).build());
    }

    private void kms(List<String> actions) {
        if (key.isEmpty()) return;
        if (kmsStatement == null) {
            kmsStatement = PolicyStatement.Builder.create().effect(Effect.ALLOW).resources(List.of(key.get().getKeyArn())).build();
            role.addToPrincipalPolicy(kmsStatement);
        }
        for (String a : actions) {
            if (kmsActions.add(a)) kmsStatement.addActions(a);
        }
    }

    /** Escapes a literal for a JavaScript regular expression (cdk-nag evaluates appliesTo patterns in JS). */
    private static String escape(String literal) {
        return literal.replaceAll("[.*+?^${}()|\\[\\]\\\\/]", "\\\\$0");
    }

    /** Suppresses IAM5 for exactly the wildcards this role was granted (index ARNs, object-key prefixes). */
    void suppressWildcards() {
        if (wildcardFindings.isEmpty()) return;
        Nag.suppressFindings(role, "IAM5", "Prefix-scoped grants: the wildcard stands for object keys under one "
                        + "catalog prefix (e.g. rejects/*) or for the indexes of one table (<table>/index/*); no grant "
                        + "reaches beyond its prefix or table.",
                wildcardFindings.stream().distinct().toArray(String[]::new));
    }
}
