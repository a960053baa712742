package org.activerecorder.infrastructure.messaging.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.activerecorder.application.events.RecordingEvent;
import org.activerecorder.application.events.RecordingEvents;
import org.activerecorder.infrastructure.messaging.outbox.JmsOutbox;
import org.activerecorder.infrastructure.messaging.outbox.OutgoingMessage;

import java.util.HashMap;
import java.util.Map;

/**
 * Sends recording events to the topic, through the outbox: inside a transaction the message leaves after the
 * transaction commits, so consumers never hear of a state the database does not have ({@link JmsOutbox}).
 */
@ApplicationScoped
public class RecordingEventPublisher implements RecordingEvents {

    public static final String TOPIC_JNDI_NAME = "java:/jms/topic/RecordingEvents";
    public static final String EVENT_TYPE_PROPERTY = "eventType";

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    private JmsOutbox outbox;

    @Override
    public void publish(RecordingEvent event) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EVENT_TYPE_PROPERTY, event.type());
        if (event.callUuid() != null) {
            // a refused command that named no readable call has none
            properties.put("callUuid", event.callUuid());
        }
        properties.put("recordingId", event.recordingId());
        outbox.send(new OutgoingMessage(TOPIC_JNDI_NAME, JSON.toJson(event), properties, null));
    }
}
