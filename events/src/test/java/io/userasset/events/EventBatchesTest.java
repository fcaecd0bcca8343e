package io.userasset.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventBatchesTest {
    private static List<String> split(String body) {
        List<byte[]> parts = EventBatches.split(body.getBytes(StandardCharsets.UTF_8));
        return parts == null ? null : parts.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void anArrayOfObjectsIsSplitIntoTheExactBytesOfEachElement() {
        String a = "{\"eventId\":\"é-1\",\"properties\":{\"note\":\"] } [ {\",\"tags\":[1,{\"x\":[]}]}}";
        String b = "{\"type\":\"identify\",\"userId\":\"ü\"}";
        assertThat(split(" \n[" + a + " ,\n\t" + b + "]\n")).containsExactly(a, b);
        assertThat(split("[" + b + "]")).containsExactly(b);
    }

    @Test
    void anythingElseIsOnePayloadForTheParserToJudge() {
        assertThat(split("{\"type\":\"identify\"}")).as("a single event").isNull();
        assertThat(split("[]")).as("empty").isNull();
        assertThat(split("[{\"a\":1}, \"text\"]")).as("a non-object element").isNull();
        assertThat(split("[{\"a\":1}, {\"b\":")).as("truncated").isNull();
        assertThat(split("[{\"a\":1}] trailing")).as("content after the array").isNull();
        assertThat(split("")).isNull();
    }

    @Test
    void whatIsSplitIsWhatTheBatchSchemaAccepts() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String body : List.of("[{\"a\":1},{\"b\":[2]}]", "[]", "[{\"a\":1}, \"text\"]", "[[{\"a\":1}]]")) {
            boolean accepted = ContractSchemas.validate(ContractSchemas.BATCH, mapper.readTree(body)).isEmpty();
            assertThat(split(body) != null).as(body).isEqualTo(accepted);
        }
    }

    @Test
    void theSourceIdNamesTheMessageAndThePosition() {
        assertThat(EventBatches.sourceId("3f1c-msg", 4, true)).isEqualTo("3f1c-msg#4");
        assertThat(EventBatches.sourceId("3f1c-msg", 0, false)).isEqualTo("3f1c-msg");
    }
}
