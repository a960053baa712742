package org.activerecorder.application.events;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CallEventRejected's JSON as docs/call-events.md documents it: its field names are a public contract. */
class CallEventRejectedJsonTest {

    @Test
    void theRejectionSaysWhichMessageOfWhichCallAndWhy() {
        CallEventRejected event = new CallEventRejected("C-1", "ID:42", "'state' must be ...",
                Instant.parse("2026-11-30T21:00:05.250Z"), 3);

        JsonObject json = Json.createReader(new StringReader(JsonbBuilder.create().toJson(event))).readObject();

        assertEquals(Set.of("type", "recordingId", "callUuid", "messageId", "reason", "receivedAt", "rejected"),
                json.keySet());
        assertEquals("CallEventRejected", json.getString("type"));
        assertEquals(0, json.getInt("recordingId"));
        assertEquals("C-1", json.getString("callUuid"));
        assertEquals("ID:42", json.getString("messageId"));
        assertEquals("'state' must be ...", json.getString("reason"));
        assertEquals("2026-11-30T21:00:05.250Z", json.getString("receivedAt"));
        assertEquals(3, json.getInt("rejected"));
    }
}
