package org.activerecorder.it.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.time.Duration;

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
        Message message = consumer.receive(timeout.toMillis());
        return message == null ? null : ((TextMessage) message).getText();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}
