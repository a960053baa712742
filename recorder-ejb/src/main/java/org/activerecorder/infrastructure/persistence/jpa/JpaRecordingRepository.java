package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.StreamState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Recordings and their streams in the database. */
@ApplicationScoped
public class JpaRecordingRepository implements RecordingRepository {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    /** For CDI. */
    public JpaRecordingRepository() {
    }

    /** A repository over {@code em}: for tests. */
    JpaRecordingRepository(EntityManager em) {
        this.em = em;
    }

    EntityManager entityManager() {
        return em;
    }

    @Override
    public void add(Recording recording) {
        em.persist(recording);
        em.flush();
    }

    @Override
    public void remove(Recording recording) {
        em.remove(recording);
        em.flush();
    }

    @Override
    public Optional<Recording> find(long id) {
        return Optional.ofNullable(em.find(Recording.class, id));
    }

    @Override
    public Optional<Recording> findActive(Call call) {
        return em.createQuery("select r from Recording r where r.call = :call and r.state = :state"
                        + " order by r.startedAt desc", Recording.class)
                .setParameter("call", call)
                .setParameter("state", RecordingState.ACTIVE)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Recording> ofCall(Call call) {
        return em.createQuery("select r from Recording r where r.call = :call order by r.startedAt desc, r.id desc",
                        Recording.class)
                .setParameter("call", call)
                .getResultList();
    }

    @Override
    public Optional<Recording> lock(long id) {
        return find(id).map(this::locked);
    }

    @Override
    public Optional<Recording> lockByStream(String streamId) {
        return findStream(streamId).map(stream -> {
            Recording recording = locked(stream.recording());
            // The stream was read before the lock was taken: what the transaction that held the lock wrote into it
            // (its end, its session's abandonment) must be read again, or this one would decide on stale state.
            em.refresh(stream);
            return recording;
        });
    }

    private Recording locked(Recording recording) {
        em.lock(recording, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(recording);
        return recording;
    }

    @Override
    public Optional<RecordingStream> findStream(String streamId) {
        return Optional.ofNullable(em.find(RecordingStream.class, streamId));
    }

    @Override
    public List<String> openStreamIdsOpenedBefore(Instant instant) {
        return em.createQuery("select s.id from RecordingStream s where s.state = :open and s.openedAt < :instant",
                        String.class)
                .setParameter("open", StreamState.OPEN)
                .setParameter("instant", instant)
                .getResultList();
    }

    @Override
    public List<Long> activeWithAllStreamsEnded() {
        return em.createQuery("select r.id from Recording r where r.state = :active"
                        + " and exists (select s.id from RecordingStream s where s.recording = r)"
                        + " and not exists (select s.id from RecordingStream s where s.recording = r and s.state = :open)"
                        + " order by r.id", Long.class)
                .setParameter("active", RecordingState.ACTIVE)
                .setParameter("open", StreamState.OPEN)
                .getResultList();
    }

    @Override
    public List<Long> requestedBefore(Instant instant) {
        return em.createQuery("select r.id from Recording r where r.state = :requested and r.startedAt < :instant"
                        + " order by r.id", Long.class)
                .setParameter("requested", RecordingState.REQUESTED)
                .setParameter("instant", instant)
                .getResultList();
    }

    @Override
    public List<Long> failedWithAttemptsLeft(int maxAttempts) {
        return em.createQuery("select r.id from Recording r where r.state = :failed"
                        + " and r.assemblyAttempts < :max order by r.id", Long.class)
                .setParameter("failed", RecordingState.FAILED)
                .setParameter("max", maxAttempts)
                .getResultList();
    }

    @Override
    public List<Recording> newest(int first, int max) {
        return em.createQuery("select r from Recording r order by r.startedAt desc, r.id desc", Recording.class)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }
}
