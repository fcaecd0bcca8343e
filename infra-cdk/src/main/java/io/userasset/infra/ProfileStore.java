package io.userasset.infra;

import io.userasset.tables.ResourceCatalog;
import io.userasset.tables.TableSpec;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every DynamoDB table of {@link ResourceCatalog#TABLES}, exactly as specified there (keys, stream,
 * TTL, GSIs): on-demand billing, point-in-time recovery, KMS encryption (AWS-managed key, or the
 * app's key), retained on stack deletion unless destroyOnRemove.
 */
public final class ProfileStore extends Construct {
    private final Map<String, Table> tables = new LinkedHashMap<>();

    public ProfileStore(Construct scope, String id, DeploymentSettings settings, Optional<IKey> key) {
        super(scope, id);
        for (TableSpec spec : ResourceCatalog.TABLES) {
            tables.put(spec.logicalName(), table(spec, settings, key));
        }
    }

    private Table table(TableSpec spec, DeploymentSettings settings, Optional<IKey> key) {
        Table.Builder b = Table.Builder.create(this, "Table-" + spec.logicalName())
                .partitionKey(string(spec.partitionKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(settings.destroyOnRemove() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
                .deletionProtection(!settings.destroyOnRemove());
        spec.sortKey().ifPresent(sk -> b.sortKey(string(sk)));
        spec.stream().ifPresent(view -> b.stream(StreamViewType.valueOf(view.name())));
        spec.ttlAttribute().ifPresent(b::timeToLiveAttribute);
        if (key.isPresent()) {
            b.encryption(TableEncryption.CUSTOMER_MANAGED).encryptionKey(key.get());
        } else {
            b.encryption(TableEncryption.AWS_MANAGED);
        }
        Table table = b.build();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            GlobalSecondaryIndexProps.Builder gsi = GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(string(index.partitionKey()))
                    .projectionType(ProjectionType.ALL);
            index.sortKey().ifPresent(sk -> gsi.sortKey(string(sk)));
            table.addGlobalSecondaryIndex(gsi.build());
        }
        return table;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public Table table(TableSpec spec) {
        Table t = tables.get(spec.logicalName());
        if (t == null) throw new IllegalArgumentException("no table " + spec.logicalName());
        return t;
    }

    public Map<String, Table> tables() {
        return tables;
    }
}
