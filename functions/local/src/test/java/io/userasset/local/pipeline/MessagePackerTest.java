package io.userasset.local.pipeline;

import io.userasset.events.EventBatches;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePackerTest {
    private static OutboundEvent event(int i) {
        return new OutboundEvent("{\"eventId\":\"e-" + i + "\",\"type\":\"session_started\",\"userId\":\"u-" + i + "\"}", "input:" + i);
    }

    @Test
    void wellFormedObjectsArePackedUpToTheLimitAndTheEngineSplitsThemBackExactly() {
        List<OutboundEvent> inputs = new ArrayList<>();
        for (int i = 0; i < 23; i++) inputs.add(event(i));
        List<MessagePacker.Message> messages = MessagePacker.pack(inputs, 10);
        assertThat(messages).extracting(m -> m.inputs().size()).containsExactly(10, 10, 3);
        List<String> roundTrip = new ArrayList<>();
        for (MessagePacker.Message m : messages) {
            for (byte[] part : EventBatches.split(m.body().getBytes(StandardCharsets.UTF_8))) roundTrip.add(new String(part, StandardCharsets.UTF_8));
        }
        assertThat(roundTrip).containsExactlyElementsOf(inputs.stream().map(OutboundEvent::body).toList());
    }

    @Test
    void anInputThatIsNotAWellFormedObjectTravelsAloneAsItIs() {
        List<OutboundEvent> inputs = List.of(event(1), new OutboundEvent("{\"eventId\":\"cut", "bad:1"), event(2),
                new OutboundEvent("[1,2]", "bad:2"), new OutboundEvent("{\"amount\":NaN}", "bad:3"), event(3));
        List<MessagePacker.Message> messages = MessagePacker.pack(inputs, 25);
        assertThat(messages).extracting(MessagePacker.Message::body)
                .contains("{\"eventId\":\"cut", "[1,2]", "{\"amount\":NaN}");
        assertThat(messages).filteredOn(MessagePacker.Message::packed).singleElement()
                .satisfies(m -> assertThat(m.inputs()).containsExactly(event(1), event(2), event(3)));
    }

    @Test
    void oneEventPerMessageSendsEveryInputAsItIsAndBigInputsAreNeverPacked() {
        assertThat(MessagePacker.pack(List.of(event(1), event(2)), 1)).extracting(MessagePacker.Message::body)
                .containsExactly(event(1).body(), event(2).body());
        OutboundEvent big = new OutboundEvent("{\"pad\":\"" + "x".repeat(MessagePacker.MAX_MESSAGE_CHARS / 2) + "\"}", "big");
        assertThat(MessagePacker.pack(List.of(event(1), big, event(2)), 25)).extracting(m -> m.inputs().size())
                .containsExactly(1, 2);
    }
}
