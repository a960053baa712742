package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.MapJoin;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.UserDataValue;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingSearch;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingSummary;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.StreamState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Recordings and their streams in the database. */
@ApplicationScoped
public class JpaRecordingRepository implements RecordingRepository {

    /**
     * A recording {@code r} whose file's SHA-256 is still to be taken, as {@link Recording#fileHashDue()} says, with
     * {@link #WITH_AUDIO} bound to {@code :withAudio}: the sweep's query and the meters' count share it.
     */
    public static final String FILE_HASH_DUE = "r.sha256 is null and r.audioFile is not null and r.purgedAt is null"
            + " and r.state in :withAudio";
    /** The states of a recording that has its stereo file ({@link RecordingState#hasAudio()}). */
    public static final List<RecordingState> WITH_AUDIO =
            Arrays.stream(RecordingState.values()).filter(RecordingState::hasAudio).toList();

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
    public List<Recording> ofCall(Call call) {
        return em.createQuery("select r from Recording r where r.call = :call order by r.startedAt desc, r.id desc",
                        Recording.class)
                .setParameter("call", call)
                .getResultList();
    }

    /**
     * One statement: reading the recordings themselves took four for a call with one (the recording, then each of its
     * three lists), and the one a session joins is read again under its lock anyway (series BM).
     */
    @Override
    public List<RecordingSummary> summariesOfCall(Call call) {
        return em.createQuery("select new " + RecordingSummary.class.getName()
                        + "(r.id, r.requestId, r.recordDn, r.state, r.control) from Recording r where r.call = :call"
                        + " order by r.startedAt desc, r.id desc", RecordingSummary.class)
                .setParameter("call", call)
                .getResultList();
    }

    /**
     * The row is locked before the recording is read, so what is read is what the previous lock holder committed.
     * Where this transaction holds a recording or a stream already (this one's, or streams a read of this one would
     * reuse), its own changes are written first and then read again with the rest under the lock; other entities it
     * holds, such as the call a session's opening locked, do not matter. Hibernate's own lock ({@code em.lock}) is
     * not used: it checks the version this transaction read, and fails (OptimisticLockException) when the transaction
     * it waited for changed the recording, as a stream's end does while a new session of the call joins.
     */
    @Override
    public Optional<Recording> lock(long id) {
        if (PersistenceContexts.holdsNo(em, Recording.class, RecordingStream.class)) {
            return lockRow(id) ? Optional.ofNullable(em.find(Recording.class, id)) : Optional.empty();
        }
        em.flush();
        return find(id).filter(recording -> lockRow(id)).map(recording -> {
            em.refresh(recording);
            return recording;
        });
    }

    /**
     * In a transaction that has read nothing yet (every media event's), the recording's row is locked by one statement
     * that finds it from the stream, and read after: three statements (the lock, the recording with its own
     * collections, its streams), where reading first and locking after took six. In one that holds entities, its
     * changes are written first and what it holds is read again under the lock, so that neither its changes nor the
     * previous lock holder's are lost.
     */
    @Override
    public Optional<Recording> lockByStream(String streamId) {
        if (PersistenceContexts.holdsNothing(em)) {
            return lockIdByStream(streamId).map(id -> em.find(Recording.class, id));
        }
        // lock(id) writes this transaction's changes before it reads anything again
        return findStream(streamId).flatMap(stream -> lock(stream.recording().id()).map(recording -> {
            // The stream was read before the lock was taken: what the transaction that held the lock wrote into it
            // (its end, its session's abandonment) must be read again, or this one would decide on stale state.
            em.refresh(stream);
            return recording;
        }));
    }

    /**
     * One statement finds the recording from the stream and locks its row; nothing is read into this transaction.
     * Like {@link #lockRow}, a native query without a result class: see there.
     */
    @Override
    public Optional<Long> lockIdByStream(String streamId) {
        List<?> locked = em.createNativeQuery("select r.id from recording r where r.id ="
                        + " (select s.recording_id from recording_stream s where s.id = ?1) for update")
                .setParameter(1, streamId)
                .getResultList();
        return locked.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    /**
     * The rule of {@link RecordingStream#firstPacketArrived} as an update: the first report wins, one after the end
     * changes nothing, and the arrival is the stream's first sample until its end brings the settled one. No entity is
     * read or written: a transaction that changes the stream later locks the recording first and reads it after, so
     * it reads this.
     */
    @Override
    public boolean firstPacketArrived(String streamId, Instant arrival) {
        return em.createQuery("update RecordingStream s set s.firstPacketAt = :arrival,"
                        + " s.firstSampleAt = coalesce(s.firstSampleAt, :arrival)"
                        + " where s.id = :id and s.firstPacketAt is null and s.state <> :ended")
                .setParameter("arrival", arrival)
                .setParameter("id", streamId)
                .setParameter("ended", StreamState.ENDED)
                .executeUpdate() > 0;
    }

    /**
     * Waits for the recording's row lock: portable SQL, so that nothing is read before the lock is held. No result
     * class: Hibernate 6.6 keys a native query's plan by its SQL and its result mapping, and with a result class one
     * execution's mapping never compared equal to the next's, so every execution missed the plan cache, planned the
     * query again and evicted another plan from the cache the JPQL queries share (series BN: 8 of 786 samples of a
     * burst of calls in the eviction alone, under these two locks, four times a call). The column comes back as the
     * JDBC driver's number.
     */
    private boolean lockRow(long id) {
        return !em.createNativeQuery("select id from recording where id = ?1 for update")
                .setParameter(1, id)
                .getResultList()
                .isEmpty();
    }

    @Override
    public Optional<RecordingStream> findStream(String streamId) {
        return Optional.ofNullable(em.find(RecordingStream.class, streamId));
    }

    @Override
    public List<Long> retentionEndedBy(Instant instant, int max) {
        return em.createQuery("select r.id from Recording r where r.retainUntil <= :instant and r.purgedAt is null"
                        + " order by r.retainUntil", Long.class)
                .setParameter("instant", instant)
                .setMaxResults(max)
                .getResultList();
    }

    @Override
    public List<Long> fileHashDue(Instant finishedBy, int max) {
        return em.createQuery("select r.id from Recording r where " + FILE_HASH_DUE
                        + " and r.finishedAt <= :finishedBy order by r.id", Long.class)
                .setParameter("withAudio", WITH_AUDIO)
                .setParameter("finishedBy", finishedBy)
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * The session's own stream is read first, by its key: only one stopped with its media kept can have been
     * recorded again under another id, so only then are the newer ones looked for (one statement for nearly every
     * BYE, where it took two; series BM).
     */
    @Override
    public Optional<RecordingStream> findLatestOfSession(String sessionStreamId) {
        Optional<RecordingStream> own = findStream(sessionStreamId);
        if (own.isPresent() && !own.get().stoppedWithMediaKept()) {
            return own;
        }
        return em.createQuery("select s from RecordingStream s where s.sessionStreamId = :id order by s.openedAt desc",
                        RecordingStream.class)
                .setParameter("id", sessionStreamId)
                .setMaxResults(1)
                .getResultList() // not a stream: read outside a transaction too, and the container closes what it opened
                .stream()
                .findFirst()
                .or(() -> own);
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

    /**
     * A criteria query, so that every value is a parameter; the user-data and stream conditions are subqueries, so a
     * recording is listed once however many streams or keys match.
     */
    @Override
    public List<Recording> search(RecordingSearch search, int first, int max) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Recording> query = cb.createQuery(Recording.class);
        Root<Recording> recording = query.from(Recording.class);
        Join<Recording, Call> call = recording.join("call");
        List<Predicate> where = new ArrayList<>();
        if (search.callUuid() != null) {
            where.add(cb.equal(call.get("callUuid"), search.callUuid()));
        }
        if (search.dn() != null) {
            Subquery<String> streams = query.subquery(String.class);
            Root<RecordingStream> stream = streams.from(RecordingStream.class);
            streams.select(stream.get("id")).where(cb.equal(stream.get("recording"), recording),
                    cb.equal(stream.get("dn"), search.dn()));
            where.add(cb.or(cb.equal(recording.get("recordDn"), search.dn()), cb.exists(streams)));
        }
        if (search.agentId() != null) {
            where.add(cb.equal(call.get("agentId"), search.agentId()));
        }
        if (search.ani() != null) {
            where.add(cb.equal(call.get("ani"), search.ani()));
        }
        if (search.dnis() != null) {
            where.add(cb.equal(call.get("dnis"), search.dnis()));
        }
        if (search.state() != null) {
            where.add(cb.equal(recording.get("state"), search.state()));
        }
        if (search.from() != null) {
            where.add(cb.greaterThanOrEqualTo(recording.get("startedAt"), search.from()));
        }
        if (search.to() != null) {
            where.add(cb.lessThan(recording.get("startedAt"), search.to()));
        }
        if (search.key() != null) {
            Subquery<String> keys = query.subquery(String.class);
            Root<Call> keyed = keys.from(Call.class);
            MapJoin<Call, String, UserDataValue> data = keyed.joinMap("userData");
            List<Predicate> match = new ArrayList<>(List.of(cb.equal(keyed, call), cb.equal(data.key(), search.key())));
            if (search.value() != null) {
                match.add(cb.equal(data.value().get("text"), search.value()));
            }
            keys.select(data.key()).where(match.toArray(Predicate[]::new));
            where.add(cb.exists(keys));
        }
        query.select(recording).where(where.toArray(Predicate[]::new))
                .orderBy(cb.desc(recording.get("startedAt")), cb.desc(recording.get("id")));
        return em.createQuery(query).setFirstResult(first).setMaxResults(max).getResultList();
    }

    @Override
    public List<Recording> newest(int first, int max) {
        return em.createQuery("select r from Recording r order by r.startedAt desc, r.id desc", Recording.class)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }
}
