package io.userasset.adapters.dynamodb;

import io.userasset.ports.ProfileScanner;
import io.userasset.ports.StoredProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parallel Scan of the profile table (Segment / TotalSegments), one page per call. */
public final class DynamoProfileScanner implements ProfileScanner {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int windowWeeks;

    public DynamoProfileScanner(DynamoDbClient dynamoDb, String profilesTable, int windowWeeks) {
        this.dynamoDb = dynamoDb;
        this.table = profilesTable;
        this.windowWeeks = windowWeeks;
    }

    @Override
    public Page page(int segment, int totalSegments, String afterKey, int limit) {
        Map<String, AttributeValue> start = afterKey == null ? null : Map.of("pk", AttributeValue.fromS(afterKey));
        ScanResponse response = dynamoDb.scan(b -> b.tableName(table).segment(segment).totalSegments(totalSegments)
                .limit(limit).exclusiveStartKey(start));
        List<StoredProfile> profiles = new ArrayList<>(response.count());
        for (Map<String, AttributeValue> item : response.items()) profiles.add(ProfileItems.toProfile(item, windowWeeks));
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get("pk").s() : null;
        return new Page(profiles, next);
    }

    @Override
    public long approximateCount() {
        Long count = dynamoDb.describeTable(b -> b.tableName(table)).table().itemCount();
        return count == null ? 0 : count;
    }
}
