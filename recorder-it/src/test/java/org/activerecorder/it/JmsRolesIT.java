package org.activerecorder.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.json.JsonObject;
import org.activerecorder.it.support.CallControlBridge;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.ItUsers;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The JMS destinations are guarded by roles (wildfly-config messaging.cli), for clients outside the server logged in
 * over the HTTP port: only {@code events} or {@code admin} may subscribe to RecordingEvents, only {@code control} or
 * {@code admin} may send to RecorderCommands; the others are refused ({@link JMSSecurityException}). The recorder's
 * own in-VM producers and consumers are not affected: a command a control user sends is taken by the recorder and
 * its answer (ControlRefused, for a call that does not exist) reaches the events user and the administrator.
 */
@ExtendWith(ArquillianExtension.class)
class JmsRolesIT {

    private static final String PREFIX = "ITJR" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final ItUsers.Account EVENTS = ItUsers.Account.of(PREFIX, "events", "events");
    private static final ItUsers.Account CONTROL = ItUsers.Account.of(PREFIX, "control", "control");
    private static final ItUsers.Account SUPERVISOR = ItUsers.Account.of(PREFIX, "supervisor", "supervisor");
    private static final ItUsers.Account ADMIN = ItUsers.Account.of(PREFIX, "admin", "admin");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SELECTOR = "callUuid LIKE '" + PREFIX + "%'";

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("jms-roles-users.war", EVENTS, CONTROL, SUPERVISOR, ADMIN);
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void onlyEventsAndAdminSubscribeAndOnlyControlAndAdminSendCommands() throws Exception {
        assertThrows(JMSSecurityException.class, () -> new EventSubscriber(SUPERVISOR.name(), SUPERVISOR.password(),
                SELECTOR).close(), "a supervisor may not subscribe to the events");
        assertThrows(JMSSecurityException.class, () -> new EventSubscriber(CONTROL.name(), CONTROL.password(),
                SELECTOR).close(), "nor may a control client");

        try (EventSubscriber events = new EventSubscriber(EVENTS.name(), EVENTS.password(), SELECTOR);
             EventSubscriber admin = new EventSubscriber(ADMIN.name(), ADMIN.password(), SELECTOR)) {
            String byControl = PREFIX + "-BY-CONTROL";
            try (CallControlBridge bridge = new CallControlBridge(CONTROL.name(), CONTROL.password(),
                    "callUuid = '" + byControl + "'")) {
                bridge.send(stop(byControl), "jr-1");
            }
            assertRefused(events.await(byControl, WAIT), byControl);
            assertRefused(admin.await(byControl, WAIT), byControl);

            String byAdmin = PREFIX + "-BY-ADMIN";
            try (CallControlBridge bridge = new CallControlBridge(ADMIN.name(), ADMIN.password(),
                    "callUuid = '" + byAdmin + "'")) {
                bridge.send(stop(byAdmin), "jr-2");
            }
            assertRefused(events.await(byAdmin, WAIT), byAdmin);

            assertThrows(JMSSecurityException.class, () -> sendCommand(EVENTS, PREFIX + "-BY-EVENTS"),
                    "an events consumer may not send commands");
            assertThrows(JMSSecurityException.class, () -> sendCommand(SUPERVISOR, PREFIX + "-BY-SUPERVISOR"),
                    "nor may a supervisor over JMS");
        }
    }

    private static void assertRefused(JsonObject event, String callUuid) {
        assertNotNull(event, "no event about " + callUuid);
        assertEquals("ControlRefused", event.getString("type"), event::toString);
    }

    private static String stop(String callUuid) {
        return "{\"operation\":\"stop\",\"callUuid\":\"" + callUuid + "\"}";
    }

    private static void sendCommand(ItUsers.Account account, String callUuid) throws JMSException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EventSubscriber.BROKER_URL);
             Connection connection = factory.createConnection(account.name(), account.password())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(CallControlBridge.COMMANDS_ADDRESS));
            producer.send(session.createTextMessage(stop(callUuid)));
        }
    }
}
