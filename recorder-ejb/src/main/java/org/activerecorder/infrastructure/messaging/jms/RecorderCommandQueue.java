package org.activerecorder.infrastructure.messaging.jms;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import org.activerecorder.application.ControlRefused;
import org.activerecorder.application.ControlRequest;
import org.activerecorder.application.RecordingControl;
import org.activerecorder.application.RecordingControlled;
import org.activerecorder.application.events.RecordingControlRefused;
import org.activerecorder.application.events.RecordingEvents;
import org.activerecorder.domain.model.CallUuid;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.time.Instant;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The queue {@code RecorderCommands}: start, stop, pause and resume of a call's recording as JSON messages (see
 * {@link RecorderCommand}), carried out through {@link RecordingControl} exactly as the REST call is. A command that
 * is carried out is published by the control itself (RecordingPaused, RecordingResumed, RecordingStopped); one that is
 * refused, malformed, or that fails, is answered with a {@link RecordingControlRefused} event carrying the message's
 * correlation id. Every message is taken: none is redelivered for ever, none is dropped without an event.
 *
 * <p>No transaction of its own: the control runs in its own, so a refusal (which rolls the control's back) is still
 * published, and a message is acknowledged once its outcome is known. One session, so that the commands of a call
 * (a pause, then its resume) are applied in the order they were sent. The bean calls the control with the role
 * {@code control}.
 *
 * <p>Who asked is the message's {@code JMSXUserID}. Artemis fills it with the user it authenticated when its
 * {@code populate-validated-user} is on, which WildFly 39's messaging subsystem does not expose; so today it is what the
 * sender put there, and only senders with the role {@code control} (trusted bridges and desktops) may send on this
 * queue. Without it the requester is {@code jms}.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RecorderCommandQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
@SecurityDomain("recorder")
@PermitAll // the broker decided who may send (role control); the bean's own calls run as control
@RunAs("control")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecorderCommandQueue implements MessageListener {

    public static final String QUEUE = "java:/jms/queue/RecorderCommands";
    /** Who asked when the broker did not say (a message sent inside the server). */
    static final String UNKNOWN_SENDER = "jms";
    /** Tries of a command that fails for a reason of the server's (the database busy), before it is refused. */
    static final int ATTEMPTS = 3;

    private static final Logger LOG = Logger.getLogger(RecorderCommandQueue.class.getName());

    @EJB
    private RecordingControl control;

    @Inject
    private RecordingEvents events;

    /** For the container. */
    public RecorderCommandQueue() {
    }

    /** A queue over these collaborators: for tests. */
    RecorderCommandQueue(RecordingControl control, RecordingEvents events) {
        this.control = control;
        this.events = events;
    }

    @Override
    public void onMessage(Message message) {
        Instant arrivedAt = Instant.now();
        String correlationId = correlationId(message);
        String sender = sender(message);
        String body;
        try {
            body = message instanceof TextMessage text ? text.getText() : null;
        } catch (JMSException e) {
            body = null;
        }
        if (body == null) {
            refuse(RecorderCommand.Partial.NONE, "MALFORMED", "the message has no text: send the command as a JSON"
                    + " text message", sender, correlationId, arrivedAt);
            return;
        }
        handle(body, sender, correlationId, arrivedAt);
    }

    /** Reads and carries out one command; whatever happens, the sender hears of it. */
    void handle(String body, String sender, String correlationId, Instant arrivedAt) {
        RecorderCommand command;
        try {
            command = RecorderCommand.parse(body);
        } catch (RecorderCommand.Malformed malformed) {
            refuse(malformed.partial(), "MALFORMED", malformed.getMessage(), sender, correlationId, arrivedAt);
            return;
        }
        apply(command, new ControlRequest(command.call(), command.dn(), command.id(), command.dest(), sender,
                arrivedAt), correlationId);
    }

    /** Carries the command out, trying again what failed for the server's reasons; refuses what it must. */
    private void apply(RecorderCommand command, ControlRequest request, String correlationId) {
        String sender = request.requestedBy();
        Instant arrivedAt = request.arrivedAt();
        for (int attempt = 1; ; attempt++) {
            try {
                RecordingControlled done = control.apply(command.operation(), request);
                LOG.fine(() -> "Command " + correlationId + " from " + sender + ": " + command.operation() + " of call "
                        + command.call() + " done, recording " + done.recordingId() + " " + done.control());
                return;
            } catch (ControlRefused refused) {
                refuse(command, refused.callUuid().orElse(null), refused.reason().name(), refused.getMessage(), sender,
                        correlationId, arrivedAt);
                return;
            } catch (EJBAccessException denied) {
                refuse(command, "NOT_ENTITLED", "the recorder's command queue may not control recordings: "
                        + denied.getMessage(), sender, correlationId, arrivedAt);
                return;
            } catch (RuntimeException failure) {
                if (attempt < ATTEMPTS) {
                    int tried = attempt;
                    LOG.log(Level.FINE, failure, () -> "Command " + correlationId + " failed (attempt " + tried
                            + " of " + ATTEMPTS + "); trying again");
                    continue;
                }
                LOG.log(Level.WARNING, "Command " + correlationId + " from " + sender + " (" + command.operation()
                        + " of call " + command.call() + ") failed " + ATTEMPTS + " times; refused", failure);
                refuse(command, "FAILED", "the recorder could not carry it out (" + failure + "); the server log"
                        + " says why; send it again", sender, correlationId, arrivedAt);
                return;
            }
        }
    }

    private void refuse(RecorderCommand command, String reason, String explanation, String sender,
                        String correlationId, Instant arrivedAt) {
        refuse(command, null, reason, explanation, sender, correlationId, arrivedAt);
    }

    /** {@code resolved}: the call the recorder found the command to be about (by its connId), if it did. */
    private void refuse(RecorderCommand command, String resolved, String reason, String explanation, String sender,
                        String correlationId, Instant arrivedAt) {
        publish(new RecordingControlRefused(RecordingControlRefused.TYPE, 0,
                resolved != null ? resolved : command.callUuid() == null ? null : command.callUuid().value(),
                command.operation().name().toLowerCase(Locale.ROOT), reason, explanation, sender,
                command.dn() == null ? null : command.dn().value(), command.id(), command.dest(), correlationId,
                arrivedAt, command.call().connId()));
    }

    private void refuse(RecorderCommand.Partial partial, String reason, String explanation, String sender,
                        String correlationId, Instant arrivedAt) {
        publish(new RecordingControlRefused(RecordingControlRefused.TYPE, 0, validCallUuid(partial.callUuid()),
                bounded(partial.operation()), reason, explanation, sender, bounded(partial.dn()),
                bounded(partial.id()), bounded(partial.dest()), correlationId, arrivedAt, bounded(partial.connId())));
    }

    private void publish(RecordingControlRefused refusal) {
        LOG.info(() -> "Command " + refusal.correlationId() + " from " + refusal.requestedBy() + " refused ("
                + refusal.reason() + "): " + refusal.operation() + " of call " + refusal.callUuid() + ": "
                + refusal.explanation());
        // If even this fails (the broker is gone), the exception leaves onMessage and the broker redelivers the
        // message up to its max-delivery-attempts, then moves it to the dead-letter queue: still not lost.
        events.publish(refusal);
    }

    private static String sender(Message message) {
        try {
            String user = message.getStringProperty("JMSXUserID");
            if (user != null && !user.isBlank()) {
                return bounded(user);
            }
        } catch (JMSException | RuntimeException e) {
            // not a string, or not readable: nobody said
        }
        return UNKNOWN_SENDER;
    }

    private static String correlationId(Message message) {
        try {
            String correlation = message.getJMSCorrelationID();
            return bounded(correlation != null ? correlation : message.getJMSMessageID());
        } catch (JMSException e) {
            return null;
        }
    }

    private static String validCallUuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new CallUuid(value).value();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What a sender wrote, cut to a length an event may carry. */
    private static String bounded(String value) {
        return value == null || value.length() <= 128 ? value : value.substring(0, 128) + "...";
    }
}
