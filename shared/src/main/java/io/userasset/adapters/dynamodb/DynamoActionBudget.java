package io.userasset.adapters.dynamodb;

import io.userasset.domain.actions.ActionType;
import io.userasset.domain.time.Days;
import io.userasset.ports.ActionBudget;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

/** Daily budgets in the engine table: pk "budget#YYYY-MM-DD", sk = type, an atomic counter that stops at the limit. */
public final class DynamoActionBudget implements ActionBudget {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoActionBudget(DynamoDbClient dynamoDb, String engineTable) {
        this.dynamoDb = dynamoDb;
        this.table = engineTable;
    }

    @Override
    public boolean tryTake(int day, ActionType type, int dailyBudget) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(day, type))
                    .updateExpression("ADD used :one")
                    .conditionExpression("attribute_not_exists(used) OR used < :limit")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(dailyBudget)))));
            return true;
        } catch (ConditionalCheckFailedException spent) {
            return false;
        }
    }

    @Override
    public long used(int day, ActionType type) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(day, type)).consistentRead(true)).item();
        return item == null || !item.containsKey("used") ? 0 : Long.parseLong(item.get("used").n());
    }

    private static Map<String, AttributeValue> key(int day, ActionType type) {
        return Map.of("pk", AttributeValue.fromS("budget#" + Days.date(day)), "sk", AttributeValue.fromS(type.id()));
    }
}
