package org.activerecorder.it.smoke.deployment;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

/**
 * Publishes on RecordingEvents as the application's EJBs will: through the pooled in-VM connection
 * factory {@code java:/JmsXA}, inside the caller's transaction (the message leaves at commit). No
 * credentials: in-VM connections pass the broker's security whatever the messaging security domain.
 * The role check proves that the EJB layer sees the web caller through the "recorder" domain.
 */
@Stateless
public class EventPublisher {

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    private JMSContext jms;

    @Resource(lookup = "java:/jms/topic/RecordingEvents")
    private Topic recordingEvents;

    @RolesAllowed("admin")
    public void publish(String json) {
        jms.createProducer().send(recordingEvents, json);
    }
}
