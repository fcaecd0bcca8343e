package io.userasset.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.userasset.events.TestSupport.json;
import static io.userasset.events.TestSupport.projectRoot;
import static io.userasset.events.TestSupport.samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schemas load, the emitted-record schemas accept the examples and reject broken records. */
class ContractSchemasTest {

    private static ObjectNode example(String file) {
        return (ObjectNode) json(samples("emitted").resolve(file));
    }

    private static List<String> broken(String schema, String file, Consumer<ObjectNode> change) {
        ObjectNode doc = example(file);
        change.accept(doc);
        return ContractSchemas.validate(schema, doc);
    }

    @Test
    void everySchemaFileIsRegisteredAndCompiles() throws IOException {
        Path dir = projectRoot().resolve("events/src/main/resources/schemas");
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".schema.json"))
                    .forEach(f -> onDisk.add(dir.relativize(f).toString().replace('\\', '/').replace(".schema.json", "")));
        }
        assertThat(new TreeSet<>(ContractSchemas.names())).isEqualTo(onDisk);
        for (String name : ContractSchemas.names()) {
            JsonNode schema = json(dir.resolve(name + ".schema.json"));
            assertThat(schema.get("$id").asText()).isEqualTo(ContractSchemas.uri(name));
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(ContractSchemas.resource(name)).isEqualTo("schemas/" + name + ".schema.json");
            assertThat(getClass().getClassLoader().getResource(ContractSchemas.resource(name))).isNotNull();
        }
    }

    @Test
    void anUnknownSchemaNameIsAnError() {
        assertThatThrownBy(() -> ContractSchemas.validate("nope", json(samples("emitted").resolve("action.json"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"action:action.json", "alert:alert.json", "snapshot-row:snapshot-row.json",
            "snapshot-row:snapshot-row-new-visitor.json"})
    void theEmittedExamplesAreValid(String pair) {
        String[] p = pair.split(":");
        assertThat(ContractSchemas.validate(p[0], example(p[1]))).isEmpty();
    }

    @Test
    void everyEmittedExampleIsCheckedHere() throws IOException {
        try (Stream<Path> files = Files.list(samples("emitted"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly(
                    "action.json", "alert.json", "snapshot-row-new-visitor.json", "snapshot-row.json");
        }
    }

    @Test
    void brokenActionsAreRejectedWithThePath() {
        assertThat(broken("action", "action.json", a -> a.remove("actionId")))
                .singleElement().asString().startsWith(" [required]").contains("actionId");
        assertThat(broken("action", "action.json", a -> a.put("type", "discount")))
                .singleElement().asString().startsWith("/type [enum]");
        assertThat(broken("action", "action.json", a -> a.put("holdout", "no")))
                .singleElement().asString().startsWith("/holdout [type]");
        assertThat(broken("action", "action.json", a -> a.put("channel", "email")))
                .singleElement().asString().contains("additionalProperties").contains("channel");
        assertThat(broken("action", "action.json", a -> ((ObjectNode) a.get("scores")).put("stage", "adolescence")))
                .singleElement().asString().startsWith("/scores/stage");
        assertThat(broken("action", "action.json", a -> ((ObjectNode) a.get("scores").get("rfm")).put("r", 6)))
                .singleElement().asString().startsWith("/scores/rfm/r [maximum]");
        assertThat(broken("action", "action.json", a -> ((ObjectNode) a.get("scores")).put("pAlive", 1.2)))
                .singleElement().asString().startsWith("/scores/pAlive [maximum]");
        assertThat(broken("action", "action.json", a -> a.put("decidedAt", "2026-11-20 02:03")))
                .singleElement().asString().startsWith("/decidedAt [pattern]");
        assertThat(broken("action", "action.json", a -> a.put("day", "2026-13-01")))
                .singleElement().asString().startsWith("/day [pattern]");
        assertThat(broken("action", "action.json", a -> a.put("reasonCode", "Became Dormant")))
                .singleElement().asString().startsWith("/reasonCode [pattern]");
    }

    @Test
    void brokenAlertsAreRejected() {
        assertThat(broken("alert", "alert.json", a -> a.put("severity", "panic"))).isNotEmpty();
        assertThat(broken("alert", "alert.json", a -> a.set("observed", a.arrayNode()))).singleElement()
                .asString().startsWith("/observed [minItems]");
        assertThat(broken("alert", "alert.json", a -> ((ObjectNode) a.get("observed").get(0)).remove("value")))
                .singleElement().asString().startsWith("/observed/0 [required]");
        assertThat(broken("alert", "alert.json", a -> a.put("threshold", "15"))).singleElement()
                .asString().startsWith("/threshold [type]");
    }

    @Test
    void brokenSnapshotRowsAreRejected() {
        assertThat(broken("snapshot-row", "snapshot-row.json", r -> r.remove("netRevenue"))).singleElement()
                .asString().contains("netRevenue");
        assertThat(broken("snapshot-row", "snapshot-row.json", r -> r.put("activeDays30", 31))).singleElement()
                .asString().startsWith("/activeDays30 [maximum]");
        assertThat(broken("snapshot-row", "snapshot-row.json", r -> r.put("segment11", "Champions"))).isNotEmpty();
        assertThat(broken("snapshot-row", "snapshot-row.json",
                r -> ((ObjectNode) r.get("valueScores")).put("composite", 101))).singleElement()
                .asString().startsWith("/valueScores/composite [maximum]");
        assertThat(broken("snapshot-row", "snapshot-row.json", r -> r.put("frequency", 2.5))).isNotEmpty();
        assertThat(broken("snapshot-row", "snapshot-row.json", r -> r.putNull("stage"))).isNotEmpty();
    }

    @Test
    void validateAlsoTakesText() {
        assertThat(ContractSchemas.validate("alert", TestSupport.text(example("alert.json")))).isEmpty();
        assertThat(ContractSchemas.validate("alert", "{not json")).singleElement().asString().contains("not valid JSON");
    }

    @Test
    void thePublishedNativeEventSchemaDispatchesOnType() {
        ObjectNode order = (ObjectNode) json(samples("valid").resolve("native-order_paid.json"));
        assertThat(ContractSchemas.validate("native/event", order)).isEmpty();
        ((ObjectNode) order.get("properties")).remove("orderId");
        assertThat(ContractSchemas.validate("native/event", order)).singleElement().asString()
                .startsWith("/properties [required]").contains("orderId");
        order.remove("properties");
        assertThat(ContractSchemas.validate("native/event", order)).singleElement().asString().contains("properties");

        ObjectNode cost = (ObjectNode) json(samples("valid").resolve("native-acquisition_cost.json"));
        assertThat(ContractSchemas.validate("native/event", cost)).as("a company event needs no user").isEmpty();
        ArrayNode notAnObject = cost.arrayNode().add(1);
        assertThat(ContractSchemas.validate("native/event", notAnObject)).isNotEmpty();
    }
}
