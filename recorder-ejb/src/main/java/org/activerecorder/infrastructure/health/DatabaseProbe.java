package org.activerecorder.infrastructure.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.activerecorder.health.DatabaseReadiness;
import org.activerecorder.health.ReadinessProbes;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Map;
import java.util.Optional;

/**
 * The probe behind the readiness check {@value #NAME} (recorder-health): ready when the recorder's database answers a
 * trivial query through its persistence unit (the connection pool, the driver and the database itself, as every
 * recording's row goes). {@code SELECT 1} is valid on H2 and PostgreSQL and reads no table, so a probe every few
 * seconds costs the database nothing.
 */
@ApplicationScoped
public class DatabaseProbe {

    static final String NAME = DatabaseReadiness.NAME;
    private static final String PERSISTENCE_UNIT = "recorder";

    @PersistenceContext(unitName = PERSISTENCE_UNIT)
    private EntityManager em;

    private final ReadinessLog log = new ReadinessLog(NAME);

    @Inject
    private ReadinessProbes probes;

    /** For the container. */
    public DatabaseProbe() {
    }

    /** Over this entity manager: for tests. */
    DatabaseProbe(EntityManager em) {
        this.em = em;
    }

    /** Hands this probe to the readiness check {@value #NAME} when the application starts. */
    void provide(@Observes Startup applicationStarted) {
        probes.provide(NAME, this::probe);
    }

    /** What the check answers now. */
    HealthCheckResponse probe() {
        long started = System.nanoTime();
        try {
            Object answer = em.createNativeQuery("SELECT 1").getSingleResult();
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.up();
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(Map.of(
                    "persistenceUnit", PERSISTENCE_UNIT, "query", "SELECT 1", "answer", String.valueOf(answer),
                    "millis", millis)));
        } catch (PersistenceException failure) {
            log.down("the database did not answer SELECT 1", failure);
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of(
                    "persistenceUnit", PERSISTENCE_UNIT, "query", "SELECT 1",
                    "error", ReadinessLog.causeType(failure))));
        }
    }
}
