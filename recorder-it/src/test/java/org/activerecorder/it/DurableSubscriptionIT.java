package org.activerecorder.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.json.JsonObject;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An enterprise consumer that was offline gets every event it missed: a durable subscription to RecordingEvents,
 * made by a client outside the server and closed, still holds the events published meanwhile (a recording requested,
 * stopped before its media came, failed), in order, identical to what a consumer connected throughout heard; and
 * once read they are gone.
 */
@ExtendWith(ArquillianExtension.class)
class DurableSubscriptionIT {

    private static final String PREFIX = "ITDUR" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String CLIENT_ID = PREFIX.toLowerCase() + "-consumer";
    private static final String SUBSCRIPTION = "recordings-archive";

    @Deployment(name = "recorder", testable = false)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aDurableSubscriberThatWasOfflineReceivesEveryEventItMissedInOrder() throws Exception {
        RecorderServer recorder = new RecorderServer();
        String password = recorder.adminPassword();
        String callUuid = PREFIX + "CALL";
        String selector = "callUuid = '" + callUuid + "'";
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EventSubscriber.BROKER_URL);
        try {
            subscribeThenGoOffline(factory, password, selector);

            List<String> heardLive = new ArrayList<>();
            try (EventSubscriber live = new EventSubscriber("admin", password, selector)) {
                HttpResponse<byte[]> start = recorder.post("/api/calls/" + callUuid + "/recording/start",
                        "{\"dn\":\"1001\",\"id\":\"" + PREFIX.toLowerCase() + "\"}", "admin", password);
                assertEquals(202, start.statusCode(), () -> new String(start.body()));
                HttpResponse<byte[]> stop = recorder.post("/api/calls/" + callUuid + "/recording/stop", null,
                        "admin", password);
                assertEquals(200, stop.statusCode(), () -> new String(stop.body()));
                // until the recording's last event, then a little longer for anything after it
                for (JsonObject event = live.await(callUuid, Duration.ofSeconds(30)); event != null;
                     event = live.await(callUuid, Duration.ofSeconds(heardLive.contains("RecordingFailed") ? 2 : 30))) {
                    heardLive.add(event.getString("type"));
                }
            }
            assertTrue(heardLive.size() >= 2 && heardLive.get(0).equals("RecordingRequested")
                    && heardLive.contains("RecordingFailed"), "heard live: " + heardLive);

            assertEquals(heardLive, missedEvents(factory, password, selector, Duration.ofSeconds(10)),
                    "the durable subscription kept every event published while its consumer was offline, in order");
            assertEquals(List.of(), missedEvents(factory, password, selector, Duration.ofSeconds(1)),
                    "events read once are not delivered again");
        } finally {
            unsubscribe(factory, password);
            factory.close();
        }
    }

    /** Makes the durable subscription, then closes the connection: from now on the consumer is offline. */
    private static void subscribeThenGoOffline(ActiveMQConnectionFactory factory, String password, String selector)
            throws JMSException {
        try (Connection connection = connect(factory, password)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableSubscriber(topic(session), SUBSCRIPTION, selector, false).close();
        }
    }

    /**
     * Comes back online and reads what the subscription holds, until it has been quiet for {@code quiet}. The selector
     * must be the subscription's own: a durable subscriber with another one replaces the subscription, and what it
     * held with it.
     */
    private static List<String> missedEvents(ActiveMQConnectionFactory factory, String password, String selector,
                                             Duration quiet) throws JMSException {
        List<String> types = new ArrayList<>();
        try (Connection connection = connect(factory, password)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createDurableSubscriber(topic(session), SUBSCRIPTION, selector, false);
            connection.start();
            for (Message message = consumer.receive(quiet.toMillis()); message != null;
                 message = consumer.receive(quiet.toMillis())) {
                types.add(RecorderServer.json(((TextMessage) message).getText()).asJsonObject().getString("type"));
            }
            consumer.close();
        }
        return types;
    }

    private static void unsubscribe(ActiveMQConnectionFactory factory, String password) throws JMSException {
        try (Connection connection = connect(factory, password)) {
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE).unsubscribe(SUBSCRIPTION);
        } catch (JMSException noSubscription) {
            // nothing to remove: the test failed before subscribing
        }
    }

    private static Connection connect(ActiveMQConnectionFactory factory, String password) throws JMSException {
        Connection connection = factory.createConnection("admin", password);
        connection.setClientID(CLIENT_ID);
        return connection;
    }

    private static Topic topic(Session session) throws JMSException {
        return session.createTopic(EventSubscriber.TOPIC_ADDRESS);
    }
}
