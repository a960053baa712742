package org.activerecorder.it.smoke;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.activerecorder.it.smoke.deployment.SecurityTables;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the server configuration that wildfly-config provisions, with a small WAR of its own: RecorderDS,
 * the RecorderRealm over the application's security tables (bcrypt hashes), BASIC log-in through the
 * "recorder" security domain, and the RecordingEvents topic from an in-server publisher to an external
 * Artemis client that logs in with role "events" (and to an MDB inside the server).
 */
@ExtendWith(ArquillianExtension.class)
class ServerConfigurationIT {

    /**
     * An external client reaches the broker embedded in WildFly through the HTTP port (upgrade to the
     * http-acceptor) and names the topic by its broker address, which keeps the JMS 1.x prefix.
     */
    static final String TOPIC_ADDRESS = "jms.topic.RecordingEvents";
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    private static final TestUsers USERS = TestUsers.withPrefix("smoke");

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive smoke() {
        return ShrinkWrap.create(WebArchive.class, "smoke.war")
                .addPackage(SecurityTables.class.getPackage())
                .addPackages(true, "at.favre.lib")
                .addAsResource(USERS.asProperties(), "it-users.properties")
                .addAsWebInfResource(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <login-config>
                                <auth-method>BASIC</auth-method>
                                <realm-name>Recorder</realm-name>
                            </login-config>
                        </web-app>
                        """), "web.xml")
                .addAsWebInfResource(new StringAsset("""
                        <jboss-web xmlns="urn:jboss:jakartaee:1.0" version="15.0">
                            <security-domain>recorder</security-domain>
                        </jboss-web>
                        """), "jboss-web.xml");
    }

    /**
     * An H2 database in the server's data folder, or, in the build's PostgreSQL run (system property
     * {@code it.database}), the PostgreSQL database the server was given by RECORDER_DB_URL.
     */
    @Test
    void recorderDsIsTheDatabaseTheServerWasBuiltFor() throws Exception {
        HttpResponse<String> response = web().get("db", null);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject db = WebClient.json(response).asJsonObject();
        if ("postgresql".equals(System.getProperty("it.database"))) {
            assertEquals("PostgreSQL", db.getString("product"));
            assertEquals(System.getenv("RECORDER_DB_URL"), db.getString("url"));
        } else {
            assertEquals("H2", db.getString("product"));
            assertTrue(db.getString("url").startsWith("jdbc:h2:file:"), db.getString("url"));
            assertTrue(db.getString("url").contains("/standalone/data/recorder/recorder"), db.getString("url"));
        }
        assertTrue(db.getJsonNumber("users").longValue() >= USERS.all().size());
    }

    @Test
    void aUserOfTheSecurityTablesLogsInWithBasicAndHasTheRolesOfItsRows() throws Exception {
        HttpResponse<String> response = web().get("secure/whoami", USERS.admin);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject me = WebClient.json(response).asJsonObject();
        assertEquals(USERS.admin.name(), me.getString("user"));
        assertEquals("BASIC", me.getString("authType"));
        assertTrue(me.getJsonObject("roles").getBoolean("admin"));
        assertFalse(me.getJsonObject("roles").getBoolean("events"));
    }

    @Test
    void withoutCredentialsTheServerAsksForBasic() throws Exception {
        HttpResponse<String> response = web().get("secure/whoami", null);

        assertEquals(401, response.statusCode());
        assertEquals("Basic realm=\"Recorder\"", response.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void aWrongPasswordOrADisabledUserIsRefused() throws Exception {
        TestUsers.User wrongPassword = new TestUsers.User(USERS.admin.name(), "not-" + USERS.admin.password(), "", true);

        assertEquals(401, web().get("secure/whoami", wrongPassword).statusCode());
        assertEquals(401, web().get("secure/whoami", USERS.disabled).statusCode());
    }

    @Test
    void aUserWithoutTheRoleIsForbidden() throws Exception {
        assertEquals(403, web().post("admin/publish", "{}", USERS.events).statusCode());
    }

    @Test
    void anExternalClientWithRoleEventsReceivesWhatTheServerPublishes() throws Exception {
        String event = newEvent("Started");
        try (ActiveMQConnectionFactory broker = broker("");
             JMSContext context = broker.createContext(USERS.events.name(), USERS.events.password());
             ActiveMQConnectionFactory jms1Broker = broker("&enable1xPrefixes=true");
             JMSContext jms1Context = jms1Broker.createContext(USERS.events.name(), USERS.events.password())) {
            JMSConsumer subscriber = context.createConsumer(context.createTopic(TOPIC_ADDRESS));
            // The same topic by its JMS name, for a client whose factory adds the "jms.topic." prefix.
            JMSConsumer jms1Subscriber = jms1Context.createConsumer(jms1Context.createTopic("RecordingEvents"));

            publishInsideTheServer(event);

            for (JMSConsumer consumer : new JMSConsumer[] {subscriber, jms1Subscriber}) {
                Message received = consumer.receive(EVENT_TIMEOUT.toMillis());
                assertNotNull(received, "no event within " + EVENT_TIMEOUT);
                assertEquals(event, received.getBody(String.class));
            }
        }
        assertTrue(theMdbReceives(event), "the MDB inside the server received " + event);
    }

    @Test
    void aDurableSubscriptionKeepsEventsWhileItsClientIsAway() throws Exception {
        String subscription = "smoke-durable";
        String event = newEvent("Completed");
        try (ActiveMQConnectionFactory broker = broker()) {
            try (JMSContext context = broker.createContext(USERS.events.name(), USERS.events.password())) {
                context.setClientID("recorder-it-smoke");
                context.createDurableConsumer(context.createTopic(TOPIC_ADDRESS), subscription).close();
            }

            publishInsideTheServer(event);

            try (JMSContext context = broker.createContext(USERS.events.name(), USERS.events.password())) {
                context.setClientID("recorder-it-smoke");
                Topic topic = context.createTopic(TOPIC_ADDRESS);
                try (JMSConsumer subscriber = context.createDurableConsumer(topic, subscription)) {
                    Message received = subscriber.receive(EVENT_TIMEOUT.toMillis());
                    assertNotNull(received, "the durable subscription kept no event");
                    assertEquals(event, received.getBody(String.class));
                    assertNull(subscriber.receiveNoWait());
                }
                context.unsubscribe(subscription);
            }
        }
    }

    @Test
    void anExternalClientWithoutRoleEventsOrWithAWrongPasswordCannotSubscribe() throws Exception {
        try (ActiveMQConnectionFactory broker = broker()) {
            // admin may subscribe too (issue 15: admin is everything; JmsRolesIT): a supervisor may not
            try (JMSContext supervisor = broker.createContext(USERS.supervisor.name(), USERS.supervisor.password())) {
                Topic topic = supervisor.createTopic(TOPIC_ADDRESS);
                assertThrows(JMSSecurityRuntimeException.class, () -> supervisor.createConsumer(topic));
            }
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> broker.createContext(USERS.events.name(), "not-" + USERS.events.password()).close());
        }
    }

    private ActiveMQConnectionFactory broker() {
        return broker("");
    }

    /** The broker inside WildFly, reached through the HTTP port's upgrade to its http-acceptor. */
    private ActiveMQConnectionFactory broker(String moreParameters) {
        return new ActiveMQConnectionFactory("tcp://" + deployment.getHost() + ":" + deployment.getPort()
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor" + moreParameters);
    }

    private void publishInsideTheServer(String event) throws Exception {
        HttpResponse<String> response = web().post("admin/publish", event, USERS.admin);
        assertEquals(204, response.statusCode(), response.body());
    }

    private boolean theMdbReceives(String event) throws Exception {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray received = WebClient.json(web().get("received", null)).asJsonArray();
            if (received.getValuesAs(JsonString.class).stream().anyMatch(s -> s.getString().equals(event))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String newEvent(String type) {
        return "{\"type\":\"" + type + "\",\"recordingId\":\"" + UUID.randomUUID() + "\"}";
    }

    private WebClient web() throws Exception {
        return new WebClient(deployment);
    }
}
