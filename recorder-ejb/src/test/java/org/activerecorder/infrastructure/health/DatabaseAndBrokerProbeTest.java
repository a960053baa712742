package org.activerecorder.infrastructure.health;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The database and broker probes answer UP with what they found, and DOWN with the type of the cause only when the
 * database or the broker fails (the message, which may name a host or a file, stays in the server log).
 */
class DatabaseAndBrokerProbeTest {

    private static final String SECRET_BEARING_MESSAGE = "Connection refused: db.internal:5432 /var/lib/recorder";

    @Test
    void theDatabaseAnsweringSelectOneIsUp() {
        HealthCheckResponse answer = new DatabaseProbe(database(1)).probe();

        assertEquals("recorder-database", answer.getName());
        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals("1", answer.getData().orElseThrow().get("answer"));
        assertEquals("recorder", answer.getData().orElseThrow().get("persistenceUnit"));
    }

    @Test
    void aDatabaseThatFailsIsDownNamingTheCausesTypeOnly() {
        HealthCheckResponse answer = new DatabaseProbe(database(new PersistenceException("could not prepare",
                new ConnectException(SECRET_BEARING_MESSAGE)))).probe();

        assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
        Map<String, Object> data = answer.getData().orElseThrow();
        assertEquals("java.net.ConnectException", data.get("error"));
        assertFalse(data.toString().contains("db.internal") || data.toString().contains("/var/lib"), data::toString);
    }

    @Test
    void aBrokerThatTakesAConnectionIsUpWithItsProvider() {
        HealthCheckResponse answer = new BrokerProbe(broker(null)).probe();

        assertEquals("recorder-broker", answer.getName());
        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals("ActiveMQ", answer.getData().orElseThrow().get("provider"));
    }

    @Test
    void aBrokerThatRefusesTheConnectionIsDown() {
        HealthCheckResponse answer = new BrokerProbe(broker(new JMSException(SECRET_BEARING_MESSAGE))).probe();

        assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
        assertEquals("jakarta.jms.JMSException", answer.getData().orElseThrow().get("error"));
        assertEquals("java:/ConnectionFactory", answer.getData().orElseThrow().get("connectionFactory"));
    }

    /** An entity manager whose native queries answer {@code result}, or throw it when it is an exception. */
    private static EntityManager database(Object result) {
        Query query = proxy(Query.class, (method, args) -> {
            if (method.equals("getSingleResult")) {
                if (result instanceof RuntimeException failure) {
                    throw failure;
                }
                return result;
            }
            throw new UnsupportedOperationException(method);
        });
        return proxy(EntityManager.class, (method, args) -> {
            if (method.equals("createNativeQuery") && "SELECT 1".equals(args[0])) {
                return query;
            }
            throw new UnsupportedOperationException(method);
        });
    }

    /** A connection factory that connects (provider "ActiveMQ"), or refuses with {@code refusal}. */
    private static ConnectionFactory broker(JMSException refusal) {
        ConnectionMetaData metaData = proxy(ConnectionMetaData.class, (method, args) -> switch (method) {
            case "getJMSProviderName" -> "ActiveMQ";
            case "getProviderVersion" -> "2.44.0";
            default -> throw new UnsupportedOperationException(method);
        });
        Session session = proxy(Session.class, (method, args) -> {
            if (method.equals("close")) {
                return null;
            }
            throw new UnsupportedOperationException(method);
        });
        Connection connection = proxy(Connection.class, (method, args) -> switch (method) {
            case "createSession" -> session;
            case "getMetaData" -> metaData;
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method);
        });
        return proxy(ConnectionFactory.class, (method, args) -> {
            if (method.equals("createConnection")) {
                if (refusal != null) {
                    throw refusal;
                }
                return connection;
            }
            throw new UnsupportedOperationException(method);
        });
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
