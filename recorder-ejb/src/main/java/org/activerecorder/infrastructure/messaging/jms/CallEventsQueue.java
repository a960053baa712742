package org.activerecorder.infrastructure.messaging.jms;

import jakarta.annotation.security.RunAs;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import org.activerecorder.application.calls.CallEventJson;
import org.activerecorder.application.calls.CallEventRefused;
import org.activerecorder.application.calls.CallEvents;
import org.activerecorder.application.events.CallEventRejected;
import org.activerecorder.application.events.RecordingEvents;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes call events from the queue {@code CallEvents} (the JSON of {@code PUT /api/calls/{callUuid}} with its
 * {@code callUuid}) and applies them as the API does, as a {@code control} user. An event that cannot be applied as
 * it is (bad JSON, bad values, a limit passed) would fail the same way on every redelivery, so it is taken off the
 * queue, never retried: logged as a WARNING with the message id and the reason, counted, and published as
 * {@link CallEventRejected} for the sender to see. Any other failure (the database) throws, and the broker delivers
 * the message again, up to its address settings' limit (then to the dead-letter queue).
 *
 * <p>No transaction around the delivery: each event is applied in a transaction of its own by {@link CallEvents}, and
 * a refusal must not roll back the message (it would come back for ever).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = CallEventsQueue.QUEUE_JNDI_NAME),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@SecurityDomain("recorder")
@RunAs("control")
public class CallEventsQueue implements MessageListener {

    public static final String QUEUE_JNDI_NAME = "java:/jms/queue/CallEvents";

    private static final Logger LOG = Logger.getLogger(CallEventsQueue.class.getName());
    private static final AtomicLong REJECTED = new AtomicLong();

    @EJB
    private CallEvents calls;

    @Inject
    private RecordingEvents events;

    /** For the container. */
    public CallEventsQueue() {
    }

    /** A listener over these collaborators: for tests. */
    CallEventsQueue(CallEvents calls, RecordingEvents events) {
        this.calls = calls;
        this.events = events;
    }

    @Override
    public void onMessage(Message message) {
        Instant receivedAt = Instant.now();
        String messageId = messageId(message);
        String json = null;
        try {
            json = text(message);
            calls.apply(CallEventJson.read(json, receivedAt));
        } catch (CallEventRefused refused) {
            reject(messageId, json, refused.getMessage(), receivedAt);
        }
    }

    private void reject(String messageId, String json, String reason, Instant receivedAt) {
        long rejected = REJECTED.incrementAndGet();
        String callUuid = json == null ? null : CallEventJson.callUuidOf(json).orElse(null);
        LOG.warning(() -> "Call event " + messageId + (callUuid == null ? "" : " of call " + callUuid)
                + " rejected, not applied and not retried (" + rejected + " since start): " + reason);
        try {
            events.publish(new CallEventRejected(callUuid, messageId, reason, receivedAt, rejected));
        } catch (RuntimeException e) {
            // the event is refused whatever happens here: the warning above is its record
            LOG.log(Level.SEVERE, "Cannot publish the rejection of call event " + messageId, e);
        }
    }

    private static String text(Message message) throws CallEventRefused {
        if (!(message instanceof TextMessage textMessage)) {
            throw new CallEventRefused("a call event is a JMS TextMessage of JSON, not a "
                    + message.getClass().getSimpleName());
        }
        try {
            return textMessage.getText();
        } catch (JMSException e) {
            throw new CallEventRefused("the message's text cannot be read: " + e.getMessage());
        }
    }

    private static String messageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "(no message id: " + e.getMessage() + ")";
        }
    }
}
