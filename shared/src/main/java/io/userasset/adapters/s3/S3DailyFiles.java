package io.userasset.adapters.s3;

import io.userasset.ports.DailyFiles;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The daily job's S3 layout (Hive-style partitions, so Athena reads them as tables):
 * {@code snapshots/dt=D/part-KKKK-of-NNNN.jsonl.gz}, {@code partials/dt=D/PHASE/seg-KKKK-of-NNNN.json},
 * {@code metrics/dt=D/metrics.json}, {@code models/dt=D/model.json}.
 */
public final class S3DailyFiles implements DailyFiles {
    public static final String MODELS_PREFIX = "models/";

    private final S3Client s3;
    private final String bucket;

    public S3DailyFiles(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void putPartial(String date, String phase, int segment, int segments, byte[] content) {
        put(ResourceCatalog.PARTIALS_PREFIX + "dt=" + date + "/" + phase + "/" + part("seg", segment, segments, ".json"),
                content, "application/json");
    }

    @Override
    public List<byte[]> partials(String date, String phase) {
        List<byte[]> out = new ArrayList<>();
        for (S3Object o : list(ResourceCatalog.PARTIALS_PREFIX + "dt=" + date + "/" + phase + "/")) {
            out.add(s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray());
        }
        return out;
    }

    @Override
    public void putSnapshotPart(String date, int segment, int segments, Path gzipJsonLines) {
        String key = ResourceCatalog.SNAPSHOT_PREFIX + "dt=" + date + "/" + part("part", segment, segments, ".jsonl.gz");
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson").contentEncoding("gzip"),
                RequestBody.fromFile(gzipJsonLines));
    }

    @Override
    public void putMetrics(String date, byte[] json) {
        put(ResourceCatalog.METRICS_PREFIX + "dt=" + date + "/metrics.json", json, "application/json");
    }

    @Override
    public void putModels(String date, byte[] json) {
        put(MODELS_PREFIX + "dt=" + date + "/model.json", json, "application/json");
    }

    /** One DeleteObject per key: a day has only a few objects per segment. */
    @Override
    public void clearDay(String date) {
        for (String prefix : List.of(ResourceCatalog.SNAPSHOT_PREFIX, ResourceCatalog.PARTIALS_PREFIX)) {
            for (S3Object o : list(prefix + "dt=" + date + "/")) s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
        }
    }

    private List<S3Object> list(String prefix) {
        List<S3Object> out = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(out::add);
        out.sort(Comparator.comparing(S3Object::key));
        return out;
    }

    private void put(String key, byte[] content, String type) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(type), RequestBody.fromBytes(content));
    }

    private static String part(String name, int segment, int segments, String suffix) {
        return String.format("%s-%04d-of-%04d%s", name, segment, segments, suffix);
    }
}
