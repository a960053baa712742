package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.rule.RecordingDecision;
import org.activerecorder.domain.model.rule.RecordingDecisionRepository;

import java.util.List;

/** The decisions of calls in the database. */
@ApplicationScoped
public class JpaRecordingDecisionRepository implements RecordingDecisionRepository {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    /** For the container. */
    public JpaRecordingDecisionRepository() {
    }

    /** Over this entity manager: for tests. */
    JpaRecordingDecisionRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(RecordingDecision decision) {
        em.persist(decision);
    }

    @Override
    public List<RecordingDecision> ofCall(CallUuid callUuid) {
        return em.createQuery("select d from RecordingDecision d where d.callUuid = :call"
                + " order by d.decidedAt, d.id", RecordingDecision.class)
                .setParameter("call", callUuid)
                .getResultList();
    }
}
