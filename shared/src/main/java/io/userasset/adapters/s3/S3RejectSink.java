package io.userasset.adapters.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.domain.time.Days;
import io.userasset.ports.RejectSink;
import io.userasset.ports.RejectedInput;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Rejected inputs as gzip JSON Lines under {@code rejects/dt=YYYY-MM-DD/}, one object per batch:
 * cheap, Athena-queryable, and holding every byte of every rejected payload.
 */
public final class S3RejectSink implements RejectSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final Days days;

    public S3RejectSink(S3Client s3, String bucket, Days days) {
        this.s3 = s3;
        this.bucket = bucket;
        this.days = days;
    }

    @Override
    public void store(List<RejectedInput> rejected) {
        if (rejected.isEmpty()) return;
        RejectedInput first = rejected.get(0);
        String key = ResourceCatalog.REJECTS_PREFIX + "dt=" + Days.date(days.dayOf(first.receivedAt())) + "/"
                + first.receivedAt().toEpochMilli() + "-" + UUID.randomUUID() + ".jsonl.gz";
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson").contentEncoding("gzip"),
                RequestBody.fromBytes(gzipLines(rejected)));
    }

    /** One rejection as the JSON line stored (and exported by the local run). */
    public static ObjectNode toJson(RejectedInput r) {
        ObjectNode line = JSON.createObjectNode();
        line.put("source", r.source());
        line.put("receivedAt", r.receivedAt().toString());
        line.put("code", r.rejection().code().wireName());
        line.put("path", r.rejection().path());
        line.put("message", r.rejection().message());
        line.put("payloadBytes", r.payload().length);
        String text = utf8OrNull(r.payload());
        if (text != null) line.put("payload", text);
        else line.put("payloadBase64", Base64.getEncoder().encodeToString(r.payload()));
        return line;
    }

    private static byte[] gzipLines(List<RejectedInput> rejected) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (RejectedInput r : rejected) {
                gz.write(JSON.writeValueAsBytes(toJson(r)));
                gz.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String utf8OrNull(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
