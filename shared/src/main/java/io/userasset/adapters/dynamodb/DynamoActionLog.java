package io.userasset.adapters.dynamodb;

import io.userasset.domain.actions.ActionType;
import io.userasset.domain.actions.PastAction;
import io.userasset.domain.time.Days;
import io.userasset.ports.ActionLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The action log in the actions table: pk = userId, sk = "action#" + actionId for a decision and
 * sk = "optout" for a user who opted out (written by the team, e.g. from their messaging tool's
 * unsubscribe webhook). The byDay index lists a day's decisions that went out or were held out,
 * for attribution: it is sparse, keyed by {@code attributionDay}, which a decision gets when it
 * reaches one of those statuses — so blocked and pending decisions, and their status changes,
 * cost the index no writes. Entries expire after {@code actions.logTtlDays}.
 */
public final class DynamoActionLog implements ActionLog {
    public static final String OPT_OUT_SORT_KEY = "optout";
    private static final String ACTION = "action#";
    private static final String ATTRIBUTION_DAY = "attributionDay";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int ttlDays;

    public DynamoActionLog(DynamoDbClient dynamoDb, String actionsTable, int ttlDays) {
        this.dynamoDb = dynamoDb;
        this.table = actionsTable;
        this.ttlDays = ttlDays;
    }

    @Override
    public UserHistory history(String userId) {
        List<PastAction> actions = new ArrayList<>();
        Map<String, Entry> entries = new HashMap<>();
        boolean optedOut = false;
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(userId)))).items()) {
            if (OPT_OUT_SORT_KEY.equals(item.get("sk").s())) {
                optedOut = true;
                continue;
            }
            Entry e = entry(item);
            entries.put(e.actionId(), e);
            if (ActionLog.counts(e.status(), e.budgeted())) {
                actions.add(new PastAction(e.actionId(), e.type(), e.day(), e.holdout()));
            }
        }
        return new UserHistory(actions, optedOut, entries);
    }

    @Override
    public boolean recordIfAbsent(Entry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(e.userId()));
        item.put("sk", AttributeValue.fromS(ACTION + e.actionId()));
        item.put("actionId", AttributeValue.fromS(e.actionId()));
        item.put("type", AttributeValue.fromS(e.type().id()));
        item.put("day", AttributeValue.fromS(Days.date(e.day()).toString()));
        item.put("status", AttributeValue.fromS(e.status().name()));
        item.put("holdout", AttributeValue.fromBool(e.holdout()));
        item.put("budgeted", AttributeValue.fromBool(e.budgeted()));
        item.put("doc", AttributeValue.fromS(e.document()));
        if (e.reason() != null) item.put("reason", AttributeValue.fromS(e.reason()));
        if (measured(e.status())) item.put(ATTRIBUTION_DAY, item.get("day"));
        item.put("ttl", AttributeValue.fromN(Long.toString(LocalDate.ofEpochDay(e.day() + ttlDays).toEpochDay() * 86_400)));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public void finish(String userId, String actionId, Status status, boolean budgeted, String reason) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", AttributeValue.fromS(status.name()));
        values.put(":budgeted", AttributeValue.fromBool(budgeted));
        Map<String, String> names = new HashMap<>();
        names.put("#status", "status");
        String update = "SET #status = :status, budgeted = :budgeted";
        if (reason != null) {
            update += ", reason = :reason";
            values.put(":reason", AttributeValue.fromS(reason));
        }
        if (measured(status)) {
            update += ", " + ATTRIBUTION_DAY + " = #day";
            names.put("#day", "day");
        }
        String expression = update;
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(userId), "sk", AttributeValue.fromS(ACTION + actionId)))
                .updateExpression(expression).expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /** The statuses attribution measures, which put a decision in the byDay index. */
    private static boolean measured(Status status) {
        return status == Status.SENT || status == Status.HOLDOUT;
    }

    @Override
    public List<Entry> decidedOn(int day) {
        List<Entry> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(b -> b.tableName(table).indexName("byDay")
                .keyConditionExpression(ATTRIBUTION_DAY + " = :day")
                .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(Days.date(day).toString())))).items()) {
            Entry e = entry(item);
            if (measured(e.status())) out.add(e);
        }
        return out;
    }

    private static Entry entry(Map<String, AttributeValue> item) {
        return new Entry(item.get("pk").s(), item.get("actionId").s(), ActionType.fromId(item.get("type").s()),
                Days.day(LocalDate.parse(item.get("day").s())), Status.valueOf(item.get("status").s()),
                Boolean.TRUE.equals(item.get("holdout").bool()), Boolean.TRUE.equals(item.get("budgeted").bool()),
                item.containsKey("reason") ? item.get("reason").s() : null, item.get("doc").s());
    }
}
