package org.activerecorder.it.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An enterprise consumer of recording events: an Artemis JMS client outside the server, connected through
 * the HTTP port's upgrade to the broker embedded in WildFly, subscribed to the RecordingEvents topic.
 */
public final class EventSubscriber implements AutoCloseable {

    public static final String BROKER_URL =
            "tcp://127.0.0.1:8080?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor";
    /** The topic's address in WildFly's broker (WildFly keeps the JMS 1.x "jms.topic." prefix). */
    public static final String TOPIC_ADDRESS = "jms.topic.RecordingEvents";

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final MessageConsumer consumer;
    /** Events received while waiting for another call's: kept for whoever waits for them. */
    private final List<JsonObject> received = new ArrayList<>();

    public EventSubscriber(String user, String password, String selector) throws JMSException {
        factory = new ActiveMQConnectionFactory(BROKER_URL);
        connection = factory.createConnection(user, password);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(TOPIC_ADDRESS);
        consumer = session.createConsumer(topic, selector);
        connection.start();
    }

    /** The next event's JSON text, or {@code null} after {@code timeout}. */
    public String next(Duration timeout) throws JMSException {
        long millis = timeout.toMillis();
        // receive(0) would wait for ever
        Message message = millis <= 0 ? consumer.receiveNoWait() : consumer.receive(millis);
        return message == null ? null : ((TextMessage) message).getText();
    }

    /**
     * The first event about {@code callUuid}, from those received so far or still to come; events about other
     * calls are kept for their own callers. Several tests may wait at once, each for its own call.
     *
     * @return the event's JSON, or {@code null} if none came within {@code timeout}
     */
    public synchronized JsonObject await(String callUuid, Duration timeout) throws JMSException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonObject event : received) {
                if (callUuid.equals(event.getString("callUuid", null))) {
                    received.remove(event);
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String text = next(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())));
            if (text != null) {
                received.add(RecorderServer.json(text).asJsonObject());
            }
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}
