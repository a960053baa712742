package org.activerecorder.it.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.time.Duration;

/**
 * A call-control bridge outside the server, as the recorder's queues see one: logged in over the HTTP port with a
 * user of role {@code control}, it sends commands to {@code RecorderCommands} and consumes what the recorder asks of
 * call control from {@code CallControlCommands} (only its calls', by a selector).
 */
public final class CallControlBridge implements AutoCloseable {

    public static final String COMMANDS_ADDRESS = "jms.queue.RecorderCommands";
    public static final String CALL_CONTROL_ADDRESS = "jms.queue.CallControlCommands";

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session sending;
    private final MessageProducer producer;
    private final MessageConsumer callControl;
    private final String user;

    public CallControlBridge(String user, String password, String callControlSelector) throws JMSException {
        this.user = user;
        factory = new ActiveMQConnectionFactory(EventSubscriber.BROKER_URL);
        connection = factory.createConnection(user, password);
        sending = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = sending.createProducer(sending.createQueue(COMMANDS_ADDRESS));
        Session receiving = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue commands = receiving.createQueue(CALL_CONTROL_ADDRESS);
        callControl = receiving.createConsumer(commands, callControlSelector);
        connection.start();
    }

    /**
     * Sends {@code json} to RecorderCommands with this correlation id, naming its user in {@code JMSXUserID} as a
     * bridge does; safe from several threads.
     */
    public synchronized void send(String json, String correlationId) throws JMSException {
        TextMessage message = sending.createTextMessage(json);
        message.setJMSCorrelationID(correlationId);
        message.setStringProperty("JMSXUserID", user);
        producer.send(message);
    }

    /** The next command the recorder sent to call control, or {@code null} after {@code timeout}. */
    public JsonObject nextCallControlCommand(Duration timeout) throws JMSException {
        Message message = callControl.receive(Math.max(1, timeout.toMillis()));
        return message == null ? null : RecorderServer.json(((TextMessage) message).getText()).asJsonObject();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}
