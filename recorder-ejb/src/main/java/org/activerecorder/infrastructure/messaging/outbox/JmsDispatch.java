package org.activerecorder.infrastructure.messaging.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts one text message on a queue or topic of the server through the container's {@code JMSContext}: inside a
 * transaction (the relay's) the broker takes it when that commits.
 */
@ApplicationScoped
public class JmsDispatch {

    @Inject
    private JMSContext jms;

    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();

    /**
     * @param timeToLive how long the broker keeps it; {@code null} for ever. One already over (a message that waited
     *                   longer than its life to be sent) gets a millisecond: the broker expires it to its expiry queue,
     *                   as it would have expired it there, rather than it being dropped unseen here.
     */
    void send(String destination, String body, Map<String, Object> properties, Duration timeToLive) {
        TextMessage message = jms.createTextMessage(body);
        try {
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                if (property.getValue() instanceof Long number) {
                    message.setLongProperty(property.getKey(), number);
                } else {
                    message.setStringProperty(property.getKey(), (String) property.getValue());
                }
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot set the message's properties: " + e.getMessage());
        }
        JMSProducer producer = jms.createProducer();
        if (timeToLive != null) {
            producer.setTimeToLive(Math.max(1, timeToLive.toMillis()));
        }
        producer.send(destination(destination), message);
    }

    private Destination destination(String jndiName) {
        return destinations.computeIfAbsent(jndiName, name -> {
            try {
                return InitialContext.doLookup(name);
            } catch (NamingException e) {
                throw new IllegalStateException("no queue or topic is bound to " + name, e);
            }
        });
    }
}
