package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.Call;

import java.time.Instant;

/** Looks for and inserts calls in transactions of their own (see {@link JpaCallRepository}). */
@ApplicationScoped
public class CallCreation {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    /**
     * Inserts the call unless it is there: in a transaction of its own, so that a call another thread has just
     * committed counts, whatever snapshot the caller's transaction reads from.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void createIfAbsent(CallUuid callUuid) {
        boolean exists = !em.createQuery("select c.id from Call c where c.callUuid = :uuid", Long.class)
                .setParameter("uuid", callUuid).setMaxResults(1).getResultList().isEmpty();
        if (!exists) {
            em.persist(new Call(callUuid, Instant.now()));
            em.flush();
        }
    }
}
