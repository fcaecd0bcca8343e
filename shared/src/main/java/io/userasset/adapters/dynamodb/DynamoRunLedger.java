package io.userasset.adapters.dynamodb;

import io.userasset.ports.RunLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.Map;

/**
 * Daily runs in the engine table: pk "run#YYYY-MM-DD", sk "run". Finished segments are kept in a
 * number set per phase; adding a segment twice (a retried worker) leaves the set unchanged.
 */
public final class DynamoRunLedger implements RunLedger {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoRunLedger(DynamoDbClient dynamoDb, String engineTable) {
        this.dynamoDb = dynamoDb;
        this.table = engineTable;
    }

    @Override
    public void start(String date, int segments) {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("run#" + date), "sk", AttributeValue.fromS("run"),
                "segments", AttributeValue.fromN(Integer.toString(segments)),
                "startedAt", AttributeValue.fromS(Instant.now().toString()))));
    }

    @Override
    public int markDone(String date, String phase, int segment) {
        var response = dynamoDb.updateItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("run#" + date), "sk", AttributeValue.fromS("run")))
                .updateExpression("ADD #done :segment")
                .expressionAttributeNames(Map.of("#done", phase + "Done"))
                .expressionAttributeValues(Map.of(":segment", AttributeValue.fromNs(java.util.List.of(Integer.toString(segment)))))
                .returnValues(ReturnValue.UPDATED_NEW));
        return response.attributes().get(phase + "Done").ns().size();
    }
}
