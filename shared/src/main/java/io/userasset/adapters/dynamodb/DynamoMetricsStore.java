package io.userasset.adapters.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.domain.metrics.DailyMetrics;
import io.userasset.ports.MetricsStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Daily metrics in the engine table: pk "metrics", sk "dt#YYYY-MM-DD" per day and "latest". */
public final class DynamoMetricsStore implements MetricsStore {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoMetricsStore(DynamoDbClient dynamoDb, String engineTable) {
        this.dynamoDb = dynamoDb;
        this.table = engineTable;
    }

    @Override
    public void put(DailyMetrics metrics) {
        String json;
        try {
            json = JSON.writeValueAsString(metrics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        dynamoDb.transactWriteItems(b -> b.transactItems(item("dt#" + metrics.date(), json), item("latest", json)));
    }

    @Override
    public List<DailyMetrics> range(LocalDate from, LocalDate to) {
        List<DailyMetrics> out = new ArrayList<>();
        var items = dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("metrics"),
                        ":from", AttributeValue.fromS("dt#" + from), ":to", AttributeValue.fromS("dt#" + to)))).items();
        for (Map<String, AttributeValue> item : items) {
            try {
                out.add(JSON.readValue(item.get("doc").s(), DailyMetrics.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt metrics document " + item.get("sk").s(), e);
            }
        }
        return out;
    }

    private TransactWriteItem item(String sk, String json) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("metrics"), "sk", AttributeValue.fromS(sk), "doc", AttributeValue.fromS(json)))
                .build()).build();
    }
}
