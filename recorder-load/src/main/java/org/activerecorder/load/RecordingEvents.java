package org.activerecorder.load;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's calls' final events (RecordingCompleted, RecordingIncomplete, RecordingFailed) as an enterprise
 * consumer hears them: an Artemis JMS client on the topic {@code RecordingEvents} through the HTTP port's upgrade,
 * with a selector on the run's CallUUID prefix. Each call's first final event is kept with the instant it arrived,
 * for the last-BYE-to-event latency.
 */
final class RecordingEvents implements AutoCloseable {

    static final String TOPIC_ADDRESS = "jms.topic.RecordingEvents";

    /** A call's final event: its type and when it arrived ({@link System#nanoTime()}). */
    record Heard(String type, long atNanos) {
    }

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Map<String, Heard> heard = new ConcurrentHashMap<>();

    RecordingEvents(String api, String user, String password, String prefix) throws JMSException {
        URI http = URI.create(api);
        factory = new ActiveMQConnectionFactory("tcp://" + http.getHost() + ":" + http.getPort()
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor");
        connection = factory.createConnection(user, password);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        String selector = "callUuid LIKE '" + prefix + "-%' AND eventType IN "
                + "('RecordingCompleted', 'RecordingIncomplete', 'RecordingFailed')";
        session.createConsumer(session.createTopic(TOPIC_ADDRESS), selector).setMessageListener(message -> {
            long now = System.nanoTime();
            try {
                heard.putIfAbsent(message.getStringProperty("callUuid"),
                        new Heard(message.getStringProperty("eventType"), now));
            } catch (JMSException unreadable) {
                // a message without the properties the selector matched cannot come
            }
        });
        connection.start();
    }

    Heard of(String callUuid) {
        return heard.get(callUuid);
    }

    int count() {
        return heard.size();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}
