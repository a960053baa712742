package org.activerecorder.infrastructure.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Session;
import org.activerecorder.health.BrokerReadiness;
import org.activerecorder.health.ReadinessProbes;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Map;
import java.util.Optional;

/**
 * The probe behind the readiness check {@value #NAME} (recorder-health): ready when the embedded Artemis broker takes
 * a JMS connection and a session on it: the events, the call-control commands and the command queues all go through
 * it. The in-VM connection factory is the broker's own front door (no pool between, so a pool full of sending threads
 * cannot make the broker look down, nor a pooled connection hide a stopped one); in-VM connections are trusted by the
 * broker, so the probe needs no credentials.
 */
@ApplicationScoped
public class BrokerProbe {

    static final String NAME = BrokerReadiness.NAME;
    static final String CONNECTION_FACTORY = "java:/ConnectionFactory";

    @Resource(lookup = CONNECTION_FACTORY)
    private ConnectionFactory broker;

    private final ReadinessLog log = new ReadinessLog(NAME);

    @Inject
    private ReadinessProbes probes;

    /** For the container. */
    public BrokerProbe() {
    }

    /** Over this connection factory: for tests. */
    BrokerProbe(ConnectionFactory broker) {
        this.broker = broker;
    }

    /** Hands this probe to the readiness check {@value #NAME} when the application starts. */
    void provide(@Observes Startup applicationStarted) {
        probes.provide(NAME, this::probe);
    }

    /** What the check answers now. */
    HealthCheckResponse probe() {
        try (Connection connection = broker.createConnection();
             Session ignored = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            ConnectionMetaData provider = connection.getMetaData();
            log.up();
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(Map.of(
                    "connectionFactory", CONNECTION_FACTORY, "provider", provider.getJMSProviderName(),
                    "providerVersion", provider.getProviderVersion())));
        } catch (JMSException | JMSRuntimeException failure) {
            log.down("no JMS connection to the broker", failure);
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of(
                    "connectionFactory", CONNECTION_FACTORY, "error", ReadinessLog.causeType(failure))));
        }
    }
}
