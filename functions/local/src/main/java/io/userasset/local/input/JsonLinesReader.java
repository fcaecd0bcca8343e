package io.userasset.local.input;

import io.userasset.config.EngineConfig;
import io.userasset.domain.time.Days;
import io.userasset.events.Event;
import io.userasset.events.EventParser;
import io.userasset.events.EventType;
import io.userasset.events.ParseResult;
import io.userasset.events.Payload;
import io.userasset.local.pipeline.InputRejection;
import io.userasset.local.pipeline.OutboundEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads JSON Lines of any payload the engine accepts (native, Segment track/identify/page/screen/
 * alias, EventBridge-wrapped), one message per line, for {@code replay}.
 *
 * <p>Blank lines are skipped silently. Each other line becomes one message, placed on the day of its
 * event time (read with the engine's own parser, whose clock is set far ahead here so that no event
 * is "in the future" of the reading); a line whose event time cannot be told — not JSON, no
 * timestamp, not an event — is still sent, on the run's first day, so that the engine rejects it
 * with its own code and reason. Only what cannot be sent at all is refused here: a line that is
 * not UTF-8, or larger than an SQS message (256 KiB).
 */
public final class JsonLinesReader {
    /** SQS's maximum message size. */
    static final int MAX_MESSAGE_BYTES = 262_144;
    private static final Set<EventType> ACTIVE = Set.of(EventType.USER_REGISTERED, EventType.SESSION_STARTED,
            EventType.ORDER_PAID, EventType.CONTENT_POSTED, EventType.CONTENT_SHARED);

    private final EventParser parser;
    private final Days days;

    public JsonLinesReader(EngineConfig config) {
        // Reading only needs each event's time; whether it is "in the future" is judged by the engine
        // when the run's clock reaches its day.
        this.parser = new EventParser(config.events(), Clock.fixed(Instant.parse("9999-01-01T00:00:00Z"), ZoneOffset.UTC));
        this.days = new Days(config.time().zoneId());
    }

    public void read(String name, InputStream in, DatedInput into) {
        try {
            read(name, in.readAllBytes(), into);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    public void read(Path file, DatedInput into) {
        try {
            read(file.getFileName().toString(), Files.readAllBytes(file), into);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void read(String name, byte[] bytes, DatedInput into) {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) start = 3;
        int lineNo = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') end++;
            lineNo++;
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            line(name + ":" + lineNo, Arrays.copyOfRange(bytes, start, stop), into);
            start = end + 1;
        }
    }

    private void line(String origin, byte[] raw, DatedInput into) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            into.countLine(false);
            into.reject(InputRejection.input(origin, "invalid_encoding", "", "the line is not valid UTF-8, so it cannot be "
                    + "sent as an SQS message", new String(raw, StandardCharsets.UTF_8)));
            return;
        }
        boolean blank = text.isBlank();
        into.countLine(blank);
        if (blank) return;
        if (raw.length > MAX_MESSAGE_BYTES) {
            into.reject(InputRejection.input(origin, "too_large", "", "the line has " + raw.length
                    + " bytes, more than an SQS message can hold (262,144)", text));
            return;
        }
        OutboundEvent message = new OutboundEvent(text, origin);
        ParseResult result = parser.parse(raw);
        if (!(result instanceof ParseResult.Accepted accepted)) {
            into.addUnplaced(message);
            return;
        }
        Event e = accepted.event();
        LocalDate day = Days.date(days.dayOf(e.occurredAt()));
        into.add(day, e.occurredAt().toEpochMilli(), message);
        if (e.userId() != null) {
            double revenue = e.payload() instanceof Payload.OrderPaid o ? o.amount().milli() / 1000.0
                    : e.payload() instanceof Payload.OrderRefunded r ? -r.amount().milli() / 1000.0 : 0;
            into.heldBack(e.userId(), day, ACTIVE.contains(e.type()), e.type() == EventType.ORDER_PAID, revenue);
        }
    }
}
