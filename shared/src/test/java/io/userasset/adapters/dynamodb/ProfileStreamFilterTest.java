package io.userasset.adapters.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileStreamFilterTest {

    private static Record record(OperationType event, String pk, String writer) {
        Map<String, AttributeValue> keys = Map.of("pk", AttributeValue.fromS(pk));
        return Record.builder().eventName(event).dynamodb(d -> {
            d.keys(keys);
            if (writer != null) d.newImage(Map.of("pk", AttributeValue.fromS(pk), "w", AttributeValue.fromS(writer)));
        }).build();
    }

    @Test
    void onlyIngestsUpdatesOfUsersPass() {
        assertThat(ProfileStreamFilter.matches(record(OperationType.MODIFY, "u#ann", "ingest"))).isTrue();
        assertThat(ProfileStreamFilter.matches(record(OperationType.MODIFY, "u#ann", "daily"))).as("daily re-score").isFalse();
        assertThat(ProfileStreamFilter.matches(record(OperationType.MODIFY, "a#visitor", "ingest"))).as("anonymous").isFalse();
        assertThat(ProfileStreamFilter.matches(record(OperationType.INSERT, "u#ann", "ingest"))).as("new profile").isFalse();
        assertThat(ProfileStreamFilter.matches(record(OperationType.REMOVE, "u#ann", null))).as("expired").isFalse();
        assertThat(ProfileStreamFilter.matches(record(OperationType.MODIFY, "u#ann", null))).as("no writer").isFalse();
    }

    @Test
    void theLambdaPatternSaysTheSame() throws Exception {
        String json = new ObjectMapper().writeValueAsString(ProfileStreamFilter.pattern());
        assertThat(new ObjectMapper().readTree(json)).isEqualTo(new ObjectMapper().readTree(
                "{\"eventName\":[\"MODIFY\"],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"u#\"}]}},"
                        + "\"NewImage\":{\"w\":{\"S\":[\"ingest\"]}}}}"));
    }
}
