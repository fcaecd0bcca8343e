package io.userasset.adapters.dynamodb;

import io.userasset.events.Event;
import io.userasset.events.Payload;
import io.userasset.ports.AcquisitionCostStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Acquisition costs in the engine table: pk "cost#YYYY-MM", sk "YYYY-MM-DD#channel#eventId", one
 * item per event, so a redelivered event overwrites itself and several reports for a day add up.
 * A month per partition keeps the reducer's 30-day CAC window to two queries (a day per partition
 * took thirty), and cost events are few enough (a handful per channel and day) for one partition.
 */
public final class DynamoAcquisitionCostStore implements AcquisitionCostStore {
    private static final String PREFIX = "cost#";
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoAcquisitionCostStore(DynamoDbClient dynamoDb, String engineTable) {
        this.dynamoDb = dynamoDb;
        this.table = engineTable;
    }

    @Override
    public void record(List<Event> costEvents) {
        List<WriteRequest> writes = new ArrayList<>();
        for (Event e : costEvents) {
            Payload.AcquisitionCost c = (Payload.AcquisitionCost) e.payload();
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    "pk", AttributeValue.fromS(partition(YearMonth.from(c.date()))),
                    "sk", AttributeValue.fromS(c.date() + "#" + c.channel() + "#" + e.eventId()),
                    "channel", AttributeValue.fromS(c.channel()),
                    "milli", AttributeValue.fromN(Long.toString(c.amount().milli())))).build()).build());
        }
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> chunk = writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT));
            Map<String, List<WriteRequest>> pending = Map.of(table, chunk);
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_UNPROCESSED_ROUNDS) throw new IllegalStateException("cost writes left unprocessed after retries");
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (!pending.isEmpty()) backOff(round);
            }
        }
    }

    @Override
    public Map<String, Long> costsBetween(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) throw new IllegalArgumentException("empty range: " + first + " .. " + last);
        Map<String, Long> out = new TreeMap<>();
        // sort keys start with "YYYY-MM-DD#"; '$' sorts right after '#', so every key of the last day is below it
        String from = first + "#";
        String to = last + "$";
        for (YearMonth month = YearMonth.from(first); !month.isAfter(YearMonth.from(last)); month = month.plusMonths(1)) {
            String pk = partition(month);
            for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                            ":from", AttributeValue.fromS(from), ":to", AttributeValue.fromS(to)))).items()) {
                out.merge(item.get("channel").s(), Long.parseLong(item.get("milli").n()), Long::sum);
            }
        }
        return out;
    }

    private static String partition(YearMonth month) {
        return PREFIX + month;
    }

    private static void backOff(int round) {
        try {
            Thread.sleep(Math.min(1000L, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
