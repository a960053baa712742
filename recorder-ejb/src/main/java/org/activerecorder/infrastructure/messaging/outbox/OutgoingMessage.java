package org.activerecorder.infrastructure.messaging.outbox;

import java.time.Duration;
import java.util.Map;

/**
 * A text message for a queue or topic of the server.
 *
 * @param destination the JNDI name the server binds the queue or topic to
 * @param body        the text
 * @param properties  the message's properties: {@link String} or {@link Long} values
 * @param timeToLive  how long the broker keeps it; {@code null}: for ever
 */
public record OutgoingMessage(String destination, String body, Map<String, Object> properties, Duration timeToLive) {

    public OutgoingMessage {
        properties = Map.copyOf(properties);
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (!(property.getValue() instanceof String) && !(property.getValue() instanceof Long)) {
                throw new IllegalArgumentException("property " + property.getKey() + " is neither text nor a number");
            }
        }
    }
}
