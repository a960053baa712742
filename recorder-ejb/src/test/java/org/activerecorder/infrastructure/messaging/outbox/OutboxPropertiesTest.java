package org.activerecorder.infrastructure.messaging.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutboxPropertiesTest {

    @Test
    void textAndNumbersComeBackAsTheyWereStored() {
        Map<String, Object> properties = Map.of("eventType", "RecordingCompleted", "callUuid", "0001AB\"quoted\"",
                "recordingId", Long.MAX_VALUE, "negative", -7L);

        Map<String, Object> read = OutboxProperties.read(OutboxProperties.write(properties));

        assertEquals(properties, read);
        assertEquals(Long.class, read.get("recordingId").getClass());
        assertEquals(String.class, read.get("eventType").getClass());
    }

    @Test
    void aMessageTakesOnlyTextAndWholeNumbersAsProperties() {
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMessage("java:/jms/queue/X", "{}",
                Map.of("recordingId", 7), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMessage("java:/jms/queue/X", "{}",
                Map.of("at", 1.5d), null));
    }
}
