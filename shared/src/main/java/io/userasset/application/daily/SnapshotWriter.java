package io.userasset.application.daily;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.userasset.domain.assessment.DailyMark;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.domain.time.Days;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Streams snapshot rows (events/…/snapshot-row.schema.json) as gzip JSON Lines into a local file,
 * one row at a time: a worker's memory stays flat however many users its segment holds.
 */
public final class SnapshotWriter implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String NEWLINE = "\n";

    private final Path file;
    private final OutputStream out;
    private final JsonGenerator json;
    private final Days days;
    private long rows;

    public SnapshotWriter(Path file, Days days) {
        this.file = file;
        this.days = days;
        try {
            this.out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16);
            this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String date, String userId, ProfileFacts f, ProfileScores s, DailyMark baseline) {
        int day = s.asOfDay();
        try {
            json.writeStartObject();
            json.writeStringField("dt", date);
            json.writeStringField("userId", userId);
            writeDay("registeredDay", f.isRegistered() ? days.dayOfEpochMilli(f.registeredAtMilli()) : Days.NONE);
            json.writeStringField("channel", f.channel());
            writeInteger("recencyDays", s.recencyDays());
            json.writeNumberField("frequency", s.frequency());
            json.writeNumberField("monetary", money(s.monetaryMilli()));
            writeInteger("rScore", s.r());
            writeInteger("fScore", s.f());
            writeInteger("mScore", s.m());
            // the contract says null, not "none", for users without an order
            json.writeStringField("segment8", s.isBuyer() ? s.segment8().id() : null);
            json.writeStringField("segment11", s.isBuyer() ? s.segment11().id() : null);
            json.writeStringField("stage", s.stage().id());
            json.writeStringField("previousStage", baseline == null ? null : baseline.stage().id());
            json.writeObjectFieldStart("valueScores");
            json.writeNumberField("consumption", s.consumption());
            json.writeNumberField("social", s.social());
            json.writeNumberField("content", s.content());
            json.writeNumberField("activity", s.activity());
            json.writeNumberField("loyalty", s.loyalty());
            json.writeNumberField("composite", s.composite());
            json.writeEndObject();
            json.writeStringField("tier", s.tier().id());
            json.writeStringField("nextTier", s.nextTier() == null ? null : s.nextTier().id());
            if (s.nextTier() == null) json.writeNullField("distanceToNextTier");
            else json.writeNumberField("distanceToNextTier", s.distanceToNextTier());
            writeDouble("pAlive", s.pAlive());
            json.writeNumberField("churnRisk", s.churnRisk());
            json.writeStringField("riskLevel", s.riskLevel().id());
            writeDouble("expectedPurchases", s.expectedPurchases());
            writeDouble("predictedClv", s.predictedClv());
            json.writeNumberField("orders", f.orders());
            json.writeNumberField("netRevenue", money(f.netMilli()));
            json.writeNumberField("activeDays30", f.activeDays(day, 30));
            writeDay("lastActiveDay", f.lastActiveDayAsOf(day, days));
            writeDay("firstOrderDay", f.firstOrderDay() <= day ? f.firstOrderDay() : Days.NONE);
            writeDay("lastOrderDay", f.lastOrderDayAsOf(day));
            json.writeEndObject();
            json.writeRaw(NEWLINE);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long rows() {
        return rows;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            json.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeDay(String name, int day) throws IOException {
        if (day == Days.NONE) json.writeNullField(name);
        else json.writeStringField(name, Days.date(day).toString());
    }

    private void writeInteger(String name, Integer value) throws IOException {
        if (value == null) json.writeNullField(name);
        else json.writeNumberField(name, value);
    }

    private void writeDouble(String name, Double value) throws IOException {
        if (value == null) json.writeNullField(name);
        else json.writeNumberField(name, value);
    }

    private static double money(long milli) {
        return milli / 1000.0;
    }
}
