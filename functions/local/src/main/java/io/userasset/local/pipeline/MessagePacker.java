package io.userasset.local.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs inputs into queue messages as a batching producer would: up to {@code eventsPerMessage}
 * events per message as a JSON array (io.userasset.events.EventBatches), within a character budget
 * under SQS's message limit (a message of multi-byte text SQS still refuses is sent again input by
 * input, see LocalPipeline). An input that is not a well-formed JSON object travels alone, so the
 * engine rejects exactly that input with its own reason instead of a whole broken batch.
 */
final class MessagePacker {
    /** SQS accepts 256 KiB per message: 200,000 characters of ASCII JSON, brackets and commas included, fit. */
    static final int MAX_MESSAGE_CHARS = 200_000;
    private static final JsonFactory JSON = new JsonFactory();

    private MessagePacker() {}

    /** A message: its inputs in order, and the body that carries them. */
    record Message(List<OutboundEvent> inputs, String body) {
        boolean packed() {
            return inputs.size() > 1;
        }
    }

    static List<Message> pack(List<OutboundEvent> inputs, int eventsPerMessage) {
        List<Message> messages = new ArrayList<>();
        List<OutboundEvent> open = new ArrayList<>();
        int openChars = 0;
        for (OutboundEvent e : inputs) {
            int chars = e.body().length() + 1;
            if (eventsPerMessage <= 1 || !isJsonObject(e.body()) || chars > MAX_MESSAGE_CHARS / 2) {
                messages.add(new Message(List.of(e), e.body()));
                continue;
            }
            if (open.size() == eventsPerMessage || openChars + chars > MAX_MESSAGE_CHARS) {
                messages.add(close(open));
                open = new ArrayList<>();
                openChars = 0;
            }
            open.add(e);
            openChars += chars;
        }
        if (!open.isEmpty()) messages.add(close(open));
        return messages;
    }

    private static Message close(List<OutboundEvent> inputs) {
        if (inputs.size() == 1) return new Message(List.copyOf(inputs), inputs.get(0).body());
        StringBuilder body = new StringBuilder(inputs.stream().mapToInt(e -> e.body().length() + 1).sum() + 1).append('[');
        for (int i = 0; i < inputs.size(); i++) body.append(i == 0 ? "" : ",").append(inputs.get(i).body());
        return new Message(List.copyOf(inputs), body.append(']').toString());
    }

    static boolean isJsonObject(String body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
