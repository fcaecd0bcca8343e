package io.userasset.local.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * On-demand unit prices of the services the engine uses, from a JSON file: the bundled
 * {@code prices/aws-us-east-1.json} (list prices, dated, with their source) or the user's own
 * ({@code --prices FILE}, same keys).
 */
public record PriceTable(String name, String region, String currency, String recorded, String source,
                         double dynamoWritePerMillion, double dynamoReadPerMillion, double sqsPerMillion,
                         double eventBridgePerMillion, double s3PutPerThousand, double s3GetPerThousand,
                         double lambdaRequestsPerMillion, double lambdaGbSecond) {

    public static final String BUNDLED = "prices/aws-us-east-1.json";

    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException(BUNDLED + " missing from the classpath");
            return parse("functions/local/src/main/resources/" + BUNDLED, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PriceTable fromFile(Path file) {
        try {
            return parse(file.toString(), new ObjectMapper().readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price table " + file, e);
        }
    }

    private static PriceTable parse(String name, JsonNode n) {
        return new PriceTable(name, text(n, "region"), text(n, "currency"), text(n, "recorded"), text(n, "source"),
                number(n, "dynamodb", "writeRequestUnitsPerMillion"), number(n, "dynamodb", "readRequestUnitsPerMillion"),
                number(n, "sqs", "requestsPerMillion"), number(n, "eventbridge", "eventsPerMillion"),
                number(n, "s3", "putCopyPostListPerThousand"), number(n, "s3", "getAndOtherPerThousand"),
                number(n, "lambda", "requestsPerMillion"), number(n, "lambda", "gbSecondArm64"));
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    private static double number(JsonNode n, String service, String key) {
        JsonNode v = n.path(service).path(key);
        if (!v.isNumber()) throw new IllegalArgumentException("price table: " + service + "." + key + " must be a number");
        return v.asDouble();
    }
}
