package org.activerecorder.infrastructure.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.StreamState;

import java.util.EnumMap;
import java.util.Map;

/**
 * The recordings' figures from the database, for the meters: how many are in each state, and how many wait to be
 * assembled (active, every stream ended). Two counting queries, read at most once per scrape.
 */
@ApplicationScoped
public class RecordingCounts {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    /** For CDI. */
    public RecordingCounts() {
    }

    /** Counts over {@code em}: for tests. */
    RecordingCounts(EntityManager em) {
        this.em = em;
    }

    /**
     * @param byState          recordings in each state (every state present, zero included)
     * @param awaitingAssembly active recordings whose streams have all ended: the assembly's queue
     */
    public record Figures(Map<RecordingState, Long> byState, long awaitingAssembly) {

        public Figures {
            byState = Map.copyOf(byState);
        }

        public long inState(RecordingState state) {
            return byState.getOrDefault(state, 0L);
        }
    }

    public Figures figures() {
        Map<RecordingState, Long> byState = new EnumMap<>(RecordingState.class);
        for (RecordingState state : RecordingState.values()) {
            byState.put(state, 0L);
        }
        for (Object[] row : em.createQuery("select r.state, count(r) from Recording r group by r.state",
                Object[].class).getResultList()) {
            byState.put((RecordingState) row[0], ((Number) row[1]).longValue());
        }
        long awaiting = em.createQuery("select count(r) from Recording r where r.state = :active"
                        + " and exists (select s.id from RecordingStream s where s.recording = r)"
                        + " and not exists (select s.id from RecordingStream s where s.recording = r and s.state = :open)",
                        Long.class)
                .setParameter("active", RecordingState.ACTIVE)
                .setParameter("open", StreamState.OPEN)
                .getSingleResult();
        return new Figures(byState, awaiting);
    }
}
