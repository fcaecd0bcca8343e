package io.userasset.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * Setup step of the out-of-process benchmarks: creates the catalogued tables ("ua-" + logical name)
 * in a DynamoDB Local server. Arguments: the endpoint, e.g. http://127.0.0.1:18001; with a second
 * argument {@code --count} it only prints the number of items of each table (to check what a probe wrote).
 */
public final class CreateTables {
    public static void main(String[] args) {
        try (DynamoDbClient dynamoDb = client(args[0])) {
            if (args.length > 1 && args[1].equals("--count")) {
                for (String table : dynamoDb.listTables().tableNames()) {
                    System.out.println("items in " + table + ": " + dynamoDb.scanPaginator(b -> b.tableName(table)
                            .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT))
                            .stream().mapToInt(p -> p.count()).sum());
                }
                return;
            }
            CatalogTables.createAll(dynamoDb);
            System.out.println("tables: " + dynamoDb.listTables().tableNames());
        }
    }

    /** A client for DynamoDB Local: dummy credentials "local"/"local", us-east-1, URL-connection HTTP. */
    static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
