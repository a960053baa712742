package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Calls in the database. The two sessions of one call usually arrive within milliseconds, so creation is
 * guarded twice: in this server, creations of the same CallUUID wait for each other (a striped lock), so
 * the second finds the first's committed row; across servers sharing a database, creation runs in a
 * transaction of its own, so the loser's unique-key violation costs only that small transaction and the
 * loser then finds the winner's row.
 */
@ApplicationScoped
public class JpaCallRepository implements CallRepository {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    @Inject
    private CallCreation creation;

    /** For the container. */
    public JpaCallRepository() {
    }

    /** Calls read through this entity manager (finding and locking; creation needs the container): for tests. */
    JpaCallRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Call> findByCallUuid(CallUuid callUuid) {
        return em.createQuery("select c from Call c where c.callUuid = :uuid", Call.class)
                .setParameter("uuid", callUuid)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Call> findByConnId(String connId) {
        return em.createQuery("select c from Call c where c.connId = :connId order by c.firstSeenAt desc, c.id desc",
                        Call.class)
                .setParameter("connId", connId)
                .getResultList();
    }

    @Override
    public Call findOrCreate(CallUuid callUuid) {
        return findOrCreate(callUuid, this::findByCallUuid);
    }

    /**
     * In a transaction that has read nothing yet (a session's opening, a call event), one statement finds and locks
     * a known call, where finding and then locking (a refresh under the lock) took two; an unknown one is created
     * first. In a transaction that holds entities already, as {@link #findOrCreate} then {@link #lock}, so that a
     * call it read before is read again under the lock.
     */
    @Override
    public Call findOrCreateLocked(CallUuid callUuid) {
        if (PersistenceContexts.holdsNothing(em)) {
            return findOrCreate(callUuid, this::findLocked);
        }
        return lock(findOrCreate(callUuid));
    }

    private Call findOrCreate(CallUuid callUuid, Function<CallUuid, Optional<Call>> find) {
        Optional<Call> existing = find.apply(callUuid);
        if (existing.isPresent()) {
            return existing.get();
        }
        synchronized (CREATION_LOCKS[Math.floorMod(callUuid.hashCode(), CREATION_LOCKS.length)]) {
            try {
                creation.createIfAbsent(callUuid);
            } catch (RuntimeException lostTheRace) {
                // Another server created it first; its row is committed, ours is rolled back.
            }
        }
        return find.apply(callUuid).orElseThrow(
                () -> new IllegalStateException("call " + callUuid + " could neither be created nor found"));
    }

    private Optional<Call> findLocked(CallUuid callUuid) {
        return em.createQuery("select c from Call c where c.callUuid = :uuid", Call.class)
                .setParameter("uuid", callUuid)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    private static final Object[] CREATION_LOCKS = new Object[64];

    static {
        for (int i = 0; i < CREATION_LOCKS.length; i++) {
            CREATION_LOCKS[i] = new Object();
        }
    }

    /**
     * Locks and reads the call afresh: it may have been read before another transaction that held the lock changed it
     * (a call event merged), and a merge must start from what that one committed.
     */
    @Override
    public Call lock(Call call) {
        em.refresh(call, LockModeType.PESSIMISTIC_WRITE);
        return call;
    }
}
