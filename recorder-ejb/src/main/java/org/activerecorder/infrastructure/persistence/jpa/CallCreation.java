package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.Call;

import java.time.Instant;

/** Inserts a call in a transaction of its own (see {@link JpaCallRepository}). */
@ApplicationScoped
public class CallCreation {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(CallUuid callUuid) {
        em.persist(new Call(callUuid, Instant.now()));
        em.flush();
    }
}
