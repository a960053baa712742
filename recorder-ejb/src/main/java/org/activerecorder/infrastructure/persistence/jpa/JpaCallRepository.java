package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;

import java.util.Optional;

/**
 * Calls in the database. Creation runs in a transaction of its own so that when two sessions of one call
 * race to create it, the loser's unique-key violation costs only that small transaction, and the loser
 * then finds the winner's row.
 */
@ApplicationScoped
public class JpaCallRepository implements CallRepository {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    @Inject
    private CallCreation creation;

    @Override
    public Optional<Call> findByCallUuid(CallUuid callUuid) {
        return em.createQuery("select c from Call c where c.callUuid = :uuid", Call.class)
                .setParameter("uuid", callUuid)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Call findOrCreate(CallUuid callUuid) {
        Optional<Call> existing = findByCallUuid(callUuid);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            creation.create(callUuid);
        } catch (RuntimeException lostTheRace) {
            // Another session of the same call created it first; its row is committed, ours is rolled back.
        }
        return findByCallUuid(callUuid).orElseThrow(
                () -> new IllegalStateException("call " + callUuid + " could neither be created nor found"));
    }

    @Override
    public Call lock(Call call) {
        em.lock(call, LockModeType.PESSIMISTIC_WRITE);
        return call;
    }
}
