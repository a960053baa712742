package org.activerecorder.infrastructure.messaging.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.activerecorder.application.events.RecordingEvent;
import org.activerecorder.application.events.RecordingEvents;

/**
 * Sends recording events to the topic. Inside a transaction the message is sent when the transaction
 * commits, so consumers never hear of a state the database does not have.
 */
@ApplicationScoped
public class RecordingEventPublisher implements RecordingEvents {

    public static final String TOPIC_JNDI_NAME = "java:/jms/topic/RecordingEvents";
    public static final String EVENT_TYPE_PROPERTY = "eventType";

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    private JMSContext jms;

    @Resource(lookup = TOPIC_JNDI_NAME)
    private Topic topic;

    @Override
    public void publish(RecordingEvent event) {
        TextMessage message = jms.createTextMessage(JSON.toJson(event));
        try {
            message.setStringProperty(EVENT_TYPE_PROPERTY, event.type());
            if (event.callUuid() != null) {
                // a refused command that named no readable call has none
                message.setStringProperty("callUuid", event.callUuid());
            }
            message.setLongProperty("recordingId", event.recordingId());
        } catch (jakarta.jms.JMSException e) {
            throw new jakarta.jms.JMSRuntimeException("cannot set event properties: " + e.getMessage());
        }
        jms.createProducer().send(topic, message);
    }
}
