package io.userasset.localcloud;

import io.userasset.tables.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creates a catalogued table in DynamoDB Local, exactly as specified (keys, indexes, stream, TTL). */
public final class LocalTables {
    private LocalTables() {}

    public static void create(DynamoDbClient dynamoDb, String name, TableSpec spec) {
        Set<String> keyAttributes = new LinkedHashSet<>();
        keyAttributes.add(spec.partitionKey());
        spec.sortKey().ifPresent(keyAttributes::add);
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            keyAttributes.add(index.partitionKey());
            index.sortKey().ifPresent(keyAttributes::add);
            indexes.add(GlobalSecondaryIndex.builder().indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema(spec.partitionKey(), spec.sortKey()))
                .attributeDefinitions(keyAttributes.stream().map(a -> AttributeDefinition.builder()
                        .attributeName(a).attributeType(ScalarAttributeType.S).build()).toList());
        if (!indexes.isEmpty()) request.globalSecondaryIndexes(indexes);
        spec.stream().ifPresent(view -> request.streamSpecification(StreamSpecification.builder()
                .streamEnabled(true).streamViewType(StreamViewType.fromValue(view.name())).build()));
        dynamoDb.createTable(request.build());
        spec.ttlAttribute().ifPresent(ttl -> dynamoDb.updateTimeToLive(b -> b.tableName(name)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(ttl))));
    }

    private static List<KeySchemaElement> keySchema(String partitionKey, Optional<String> sortKey) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        sortKey.ifPresent(s -> keys.add(KeySchemaElement.builder().attributeName(s).keyType(KeyType.RANGE).build()));
        return keys;
    }
}
