package org.activerecorder.it.smoke.deployment;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** An MDB on RecordingEvents: in-VM consumption inside the server, with broker security on. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/RecordingEvents"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic")})
public class RecordingEventsMonitor implements MessageListener {

    @EJB
    private ReceivedEvents received;

    @Override
    public void onMessage(Message message) {
        try {
            received.add(message.getBody(String.class));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable event " + message, e);
        }
    }
}
