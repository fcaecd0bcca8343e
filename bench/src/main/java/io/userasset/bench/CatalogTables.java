package io.userasset.bench;

import io.userasset.localcloud.LocalTables;
import io.userasset.tables.ResourceCatalog;
import io.userasset.tables.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates the catalogued tables in a DynamoDB Local server running in another process, with the
 * local cloud's table factory (keys, indexes, stream, TTL exactly as {@link ResourceCatalog} says).
 */
final class CatalogTables {
    static final String PREFIX = "ua-";

    private CatalogTables() {}

    static String name(TableSpec table) {
        return PREFIX + table.logicalName();
    }

    /** Creates every catalogued table that does not exist yet. */
    static void createAll(DynamoDbClient dynamoDb) {
        for (TableSpec table : ResourceCatalog.TABLES) {
            try {
                LocalTables.create(dynamoDb, name(table), table);
            } catch (ResourceInUseException exists) {
                // already there (a second run against the same server)
            }
        }
    }
}
