package io.userasset.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Glue columns come from the published snapshot-row schema. */
class SnapshotColumnsTest {
    @Test
    void everySchemaPropertyButThePartitionIsAColumnInSchemaOrder() throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream(SnapshotColumns.SCHEMA)) {
            schema = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(names::add);
        names.remove("dt");
        assertThat(SnapshotColumns.columns()).extracting(SnapshotColumns.Column::name).containsExactlyElementsOf(names);
    }

    @Test
    void typesFollowTheSchema() {
        Map<String, String> types = new java.util.HashMap<>();
        SnapshotColumns.columns().forEach(c -> types.put(c.name(), c.type()));
        assertThat(types).containsEntry("userId", "string")           // $ref identifier
                .containsEntry("registeredDay", "string")              // ["string","null"] via $ref
                .containsEntry("recencyDays", "bigint")                // ["integer","null"]
                .containsEntry("monetary", "double")
                .containsEntry("rScore", "bigint")                     // $ref quintile
                .containsEntry("segment8", "string")                   // enum with null
                .containsEntry("previousStage", "string")              // inline enum
                .containsEntry("valueScores", "struct<consumption:double,social:double,content:double,activity:double,"
                        + "loyalty:double,composite:double>")
                .doesNotContainKey("dt");
        assertThat(SnapshotColumns.columns()).allSatisfy(c -> assertThat(c.comment().length()).isLessThanOrEqualTo(255));
    }
}
