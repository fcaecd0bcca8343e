package io.userasset.infra;

import io.userasset.tables.ResourceCatalog;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The data lake: one bucket partitioned by the catalog's prefixes (snapshots/, metrics/, partials/,
 * rejects/, models/) plus Athena query results, its server-access-log bucket, the Glue database and
 * the {@code snapshots} table (JSON SerDe, gzip, partition projection on dt, so a new day is
 * queryable the moment its files land, without a crawler or MSCK REPAIR) and an Athena workgroup.
 *
 * <p>Lifecycle: partials/ (the daily job's intermediate results) expire after 7 days; rejects/ after
 * 90 days; snapshots/ move to Standard-IA after 30 days (they are read mostly in the first weeks);
 * Athena results expire after 30 days; metrics/ and models/ stay in Standard (small). Unfinished
 * multipart uploads are aborted after 7 days. Versioning is off: every object is re-derivable by
 * re-running its date (the daily job is deterministic), and rejects are written once.
 */
public final class SnapshotLake extends Construct {
    public static final String SNAPSHOT_TABLE = "snapshots";
    public static final String ATHENA_RESULTS_PREFIX = "athena-results/";
    public static final String PROJECTION_RANGE = "2020-01-01,NOW";

    private final Bucket bucket;
    private final Bucket accessLogs;
    private final String databaseName;
    private final CfnTable snapshotTable;
    private final CfnWorkGroup workGroup;

    public SnapshotLake(Construct scope, String id, DeploymentSettings settings, Optional<IKey> key) {
        super(scope, id);
        boolean destroy = settings.destroyOnRemove();
        RemovalPolicy removal = destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

        // S3 server access logs can only be delivered to a bucket with S3-managed encryption.
        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs").expiration(Duration.days(90)).build()))
                .removalPolicy(removal)
                .autoDeleteObjects(destroy)
                .build();
        Nag.suppress(accessLogs, "S1", "This is the server-access-log target of the data bucket; logging it to "
                + "itself would create a log record per log delivery, forever.");

        Bucket.Builder b = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(false)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("data-bucket/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("expire-partials").prefix(ResourceCatalog.PARTIALS_PREFIX)
                                .expiration(Duration.days(7)).build(),
                        LifecycleRule.builder().id("expire-rejects").prefix(ResourceCatalog.REJECTS_PREFIX)
                                .expiration(Duration.days(90)).build(),
                        LifecycleRule.builder().id("snapshots-to-infrequent-access").prefix(ResourceCatalog.SNAPSHOT_PREFIX)
                                .transitions(List.of(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                                        .transitionAfter(Duration.days(30)).build())).build(),
                        LifecycleRule.builder().id("expire-athena-results").prefix(ATHENA_RESULTS_PREFIX)
                                .expiration(Duration.days(30)).build(),
                        LifecycleRule.builder().id("abort-incomplete-uploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(7)).build()))
                .removalPolicy(removal)
                .autoDeleteObjects(destroy);
        if (key.isPresent()) {
            b.encryption(BucketEncryption.KMS).encryptionKey(key.get()).bucketKeyEnabled(true);
        } else {
            b.encryption(BucketEncryption.S3_MANAGED);
        }
        bucket = b.build();

        databaseName = settings.stackName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        CfnDatabase database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(databaseName)
                        .description("User Asset Engine: daily segment snapshots (s3://<bucket>/" + ResourceCatalog.SNAPSHOT_PREFIX + ")")
                        .build())
                .build();

        String snapshots = "s3://" + bucket.getBucketName() + "/" + ResourceCatalog.SNAPSHOT_PREFIX;
        snapshotTable = CfnTable.Builder.create(this, "SnapshotTable")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseName(databaseName)
                .tableInput(CfnTable.TableInputProperty.builder()
                        .name(SNAPSHOT_TABLE)
                        .description("One row per user per day: scores and segments (events/schemas/snapshot-row.schema.json)")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(Map.of(
                                "EXTERNAL", "TRUE",
                                "classification", "json",
                                "compressionType", "gzip",
                                "projection.enabled", "true",
                                "projection.dt.type", "date",
                                "projection.dt.format", "yyyy-MM-dd",
                                "projection.dt.range", PROJECTION_RANGE,
                                "projection.dt.interval", "1",
                                "projection.dt.interval.unit", "DAYS",
                                "storage.location.template", snapshots + "dt=${dt}/"))
                        .partitionKeys(List.of(CfnTable.ColumnProperty.builder()
                                .name(SnapshotColumns.PARTITION_KEY).type("string")
                                .comment("snapshot date, yyyy-MM-dd in the configured time zone").build()))
                        .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                                .location(snapshots)
                                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                                .compressed(true)
                                .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                        .serializationLibrary("org.openx.data.jsonserde.JsonSerDe")
                                        .parameters(Map.of("ignore.malformed.json", "false", "case.insensitive", "true"))
                                        .build())
                                .columns(SnapshotColumns.columns().stream()
                                        .map(c -> (Object) CfnTable.ColumnProperty.builder()
                                                .name(c.name()).type(c.type()).comment(c.comment().isEmpty() ? null : c.comment())
                                                .build())
                                        .toList())
                                .build())
                        .build())
                .build();
        snapshotTable.getNode().addDependency(database);

        CfnWorkGroup.EncryptionConfigurationProperty resultEncryption = key
                .map(k -> CfnWorkGroup.EncryptionConfigurationProperty.builder().encryptionOption("SSE_KMS").kmsKey(k.getKeyArn()).build())
                .orElseGet(() -> CfnWorkGroup.EncryptionConfigurationProperty.builder().encryptionOption("SSE_S3").build());
        workGroup = CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name(settings.stackName())
                .description("Queries over the User Asset Engine snapshots; results in s3://<bucket>/" + ATHENA_RESULTS_PREFIX)
                .recursiveDeleteOption(true)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + bucket.getBucketName() + "/" + ATHENA_RESULTS_PREFIX)
                                .encryptionConfiguration(resultEncryption)
                                .build())
                        .build())
                .build();
    }

    public Bucket bucket() { return bucket; }
    public Bucket accessLogs() { return accessLogs; }
    public String databaseName() { return databaseName; }
    public CfnTable snapshotTable() { return snapshotTable; }
    public CfnWorkGroup workGroup() { return workGroup; }
}
