package org.activerecorder.infrastructure.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.StreamState;
import org.activerecorder.infrastructure.persistence.jpa.JpaRecordingRepository;

import java.util.EnumMap;
import java.util.Map;

/**
 * The recordings' figures from the database, for the meters: how many are in each state, how many wait to be
 * assembled (active, every stream ended), and how many stored files wait for their SHA-256
 * ({@code recorder.file-sha256=after-completion}). Three counting queries, read at most once per scrape; the last
 * one is answered from the index on {@code sha256} (V23) and counts what the sweep's query lists
 * ({@link JpaRecordingRepository#FILE_HASH_DUE}).
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
     * @param awaitingFileSha256 stored recordings whose file's SHA-256 is still to be taken by the sweep (as
     *                           {@link org.activerecorder.domain.model.recording.Recording#fileHashDue()} says)
     */
    public record Figures(Map<RecordingState, Long> byState, long awaitingAssembly, long awaitingFileSha256) {

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
        long unhashed = em.createQuery("select count(r) from Recording r where "
                        + JpaRecordingRepository.FILE_HASH_DUE, Long.class)
                .setParameter("withAudio", JpaRecordingRepository.WITH_AUDIO)
                .getSingleResult();
        return new Figures(byState, awaiting, unhashed);
    }
}
