package org.activerecorder.load;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's calls' final events (RecordingCompleted, RecordingIncomplete, RecordingFailed) as an enterprise
 * consumer hears them: an Artemis JMS client on the topic {@code RecordingEvents} through the HTTP port's upgrade,
 * with a selector on the run's CallUUID prefix. Each call's first final event is kept with the instant it arrived,
 * for the last-BYE-to-event latency, and with the instant the server says it began to finish the recording (the
 * event's {@code completedAt}, or {@code failedAt}), to tell the server's part of that latency from the delivery's.
 */
final class RecordingEvents implements AutoCloseable {

    static final String TOPIC_ADDRESS = "jms.topic.RecordingEvents";

    /**
     * A call's final event: its type, when it arrived ({@link System#nanoTime()} and the wall clock), and when the
     * server began to finish the recording and when its outbox sent the message to the broker (the JMS timestamp, to
     * the millisecond), by the server's clock ({@code null} if the event does not say). Tool and server share one
     * machine's clock here; on two machines those parts are only as good as their clocks' agreement.
     */
    record Heard(String type, long atNanos, Instant at, Instant serverFinishing, Instant sent) {
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
            Instant at = Instant.now();
            try {
                heard.putIfAbsent(message.getStringProperty("callUuid"),
                        new Heard(message.getStringProperty("eventType"), now, at, finishing(message),
                                message.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(message.getJMSTimestamp())
                                        : null));
            } catch (JMSException unreadable) {
                // a message without the properties the selector matched cannot come
            }
        });
        connection.start();
    }

    private static Instant finishing(Message message) throws JMSException {
        return message instanceof TextMessage text ? finishing(text.getText()) : null;
    }

    /** The event's {@code completedAt} (or {@code failedAt}), or null when its body does not hold one. */
    static Instant finishing(String body) {
        if (body == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject event = reader.readObject();
            String instant = event.getString("completedAt", event.getString("failedAt", null));
            return instant == null ? null : Instant.parse(instant);
        } catch (JsonException | ClassCastException | DateTimeParseException unreadable) {
            return null;
        }
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
