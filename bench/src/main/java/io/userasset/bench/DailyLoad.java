package io.userasset.bench;

import io.userasset.config.EngineConfig;
import io.userasset.domain.time.Days;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Setup step of the daily benchmark: creates the catalogued tables in a DynamoDB Local server and
 * loads users [from, to) of the benchmark {@link Population} (seed 42) with histories through DATE —
 * as the engine would have left them the morning after DATE: scored by ingest, with the daily mark of
 * the run for the day before. Arguments: endpoint, DATE, from, to, [threads = 4].
 */
public final class DailyLoad {
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        String endpoint = args[0];
        LocalDate date = LocalDate.parse(args[1]);
        int from = Integer.parseInt(args[2]);
        int to = Integer.parseInt(args[3]);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        EngineConfig config = EngineConfig.defaults();
        Population population = new Population(config, Days.day(date), IngestCapacityBenchmark.POPULATION_SEED);
        try (DynamoDbClient dynamoDb = CreateTables.client(endpoint)) {
            CatalogTables.createAll(dynamoDb);
            ProfileLoader.Loaded loaded = ProfileLoader.load(dynamoDb, CatalogTables.name(ResourceCatalog.PROFILES),
                    population, from, to, threads);
            System.out.printf("loaded %,d profiles in %.1f s (%,.0f items/s, BatchWriteItem of 25, %d threads); "
                            + "item size mean %.0f B, max %,d B, %,d items > 1 KB%n", loaded.items(), loaded.seconds(),
                    loaded.items() / loaded.seconds(), threads, loaded.meanItemBytes(), loaded.maxItemBytes(),
                    loaded.itemsOver1Kb());
        }
    }
}
