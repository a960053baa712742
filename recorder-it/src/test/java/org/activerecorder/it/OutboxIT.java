package org.activerecorder.it;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.transaction.UserTransaction;
import org.activerecorder.it.support.RecorderServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The outbox's relay, in the server, against rows written into its table as the recorder's transactions write them
 * (docs/events.md, "How events leave"): a message stored before a restart is sent and its row deleted; messages leave
 * in the order stored, more than one relay transaction's worth included; one whose transaction rolled back never
 * leaves. The recorder's own events take this path in every other IT.
 */
@ExtendWith(ArquillianExtension.class)
class OutboxIT {

    private static final String TOPIC = "java:/jms/topic/RecordingEvents";
    private static final long WAIT_MILLIS = 10_000;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    /** This class, carried into the server (Arquillian cannot choose between the EAR's two WARs). */
    @Deployment(name = "outbox-probe", order = 2)
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "outbox-probe.war").addClass(OutboxIT.class)
                .addPackage(RecorderServer.class.getPackage());
    }

    @Resource(lookup = "java:jboss/datasources/RecorderDS")
    private DataSource database;

    @Resource(lookup = TOPIC)
    private Topic topic;

    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory broker;

    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    @Test
    @OperateOnDeployment("outbox-probe")
    void aMessageStoredBeforeARestartIsSentAndItsRowDeleted() throws Exception {
        String call = "ITOUTBOX-A-" + System.nanoTime();
        try (JMSContext jms = broker.createContext();
             JMSConsumer consumer = jms.createConsumer(topic, "callUuid = '" + call + "'")) {
            long id = store(call, 1);

            Message message = consumer.receive(WAIT_MILLIS);

            assertNotNull(message, "the stored message was sent");
            assertEquals("{\"probe\":1}", ((TextMessage) message).getText());
            assertEquals("OutboxProbe", message.getStringProperty("eventType"));
            assertEquals(-1L, message.getLongProperty("recordingId"));
            awaitGone(id);
        }
    }

    @Test
    @OperateOnDeployment("outbox-probe")
    void messagesLeaveInTheOrderStoredAndARolledBackOneNever() throws Exception {
        String call = "ITOUTBOX-B-" + System.nanoTime();
        try (JMSContext jms = broker.createContext();
             JMSConsumer consumer = jms.createConsumer(topic, "callUuid = '" + call + "'")) {
            transaction.begin();
            store(call, 0); // stored, then rolled back: it must never leave
            transaction.rollback();
            int count = 450; // more than two of the relay's transactions (200 each)
            transaction.begin();
            for (int i = 1; i <= count; i++) {
                store(call, i);
            }
            transaction.commit();

            for (int i = 1; i <= count; i++) {
                Message message = consumer.receive(WAIT_MILLIS);
                assertNotNull(message, "message " + i + " of " + count + " was sent");
                // the rolled-back one had the lowest id: sent, it would have come first
                assertEquals("{\"probe\":" + i + "}", ((TextMessage) message).getText(), "message " + i);
            }
        }
    }

    /** Stores a message for the topic as the recorder's transactions do; returns its id. */
    private long store(String call, int index) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into jms_outbox (destination, body, properties, stored_at) values (?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, TOPIC);
            insert.setString(2, "{\"probe\":" + index + "}");
            insert.setString(3, "{\"eventType\":\"OutboxProbe\",\"callUuid\":\"" + call + "\",\"recordingId\":-1}");
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong("id");
            }
        }
    }

    private void awaitGone(long id) throws Exception {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            try (Connection connection = database.getConnection();
                 PreparedStatement select = connection.prepareStatement("select count(*) from jms_outbox where id = ?")) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sent message's row " + id + " is still in the outbox");
    }
}
