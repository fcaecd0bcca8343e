package io.userasset.adapters.dynamodb;

import io.userasset.domain.assessment.ModelSet;
import io.userasset.domain.assessment.ModelSetJson;
import io.userasset.domain.time.Days;
import io.userasset.ports.ModelStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.Map;
import java.util.Optional;

/**
 * Models in the engine table: pk "model", sk "dt#YYYY-MM-DD" for each fitted day and sk "latest"
 * for the one streaming scoring reads ("dt#…" sorts by day, so the newest before a day is one query). A document is a few tens of KB, well under the item limit.
 */
public final class DynamoModelStore implements ModelStore {
    private static final String PK = "model";
    private static final String LATEST = "latest";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoModelStore(DynamoDbClient dynamoDb, String engineTable) {
        this.dynamoDb = dynamoDb;
        this.table = engineTable;
    }

    @Override
    public Optional<ModelSet> latest() {
        return read(LATEST);
    }

    @Override
    public Optional<ModelSet> forDay(int day) {
        return read(dayKey(day));
    }

    @Override
    public Optional<ModelSet> latestBefore(int day) {
        var page = dynamoDb.query(b -> b.tableName(table).consistentRead(true).scanIndexForward(false).limit(1)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK), ":from", AttributeValue.fromS("dt#"),
                        ":to", AttributeValue.fromS(dayKey(day - 1)))));
        return page.items().isEmpty() ? Optional.empty() : Optional.of(ModelSetJson.fromJson(page.items().get(0).get("doc").s()));
    }

    @Override
    public void publish(ModelSet models) {
        if (models.fittedDay() == null) throw new IllegalArgumentException("only fitted models are published");
        String json = ModelSetJson.toJson(models);
        dynamoDb.transactWriteItems(b -> b.transactItems(put(dayKey(models.fittedDay()), json), put(LATEST, json)));
    }

    private TransactWriteItem put(String sk, String json) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                "pk", AttributeValue.fromS(PK), "sk", AttributeValue.fromS(sk), "doc", AttributeValue.fromS(json))).build()).build();
    }

    private Optional<ModelSet> read(String sk) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(PK), "sk", AttributeValue.fromS(sk)))).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(ModelSetJson.fromJson(item.get("doc").s()));
    }

    private static String dayKey(int day) {
        return "dt#" + Days.date(day);
    }
}
