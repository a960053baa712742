package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.rule.RecordingRule;
import org.activerecorder.domain.model.rule.RecordingRuleRepository;
import org.activerecorder.domain.model.rule.RuleVersion;

import java.util.List;
import java.util.Optional;

/** Rules and their versions in the database. */
@ApplicationScoped
public class JpaRecordingRuleRepository implements RecordingRuleRepository {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    /** For the container. */
    public JpaRecordingRuleRepository() {
    }

    /** Over this entity manager: for tests. */
    JpaRecordingRuleRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(RecordingRule rule) {
        em.persist(rule);
    }

    @Override
    public void add(RuleVersion version) {
        em.persist(version);
    }

    @Override
    public Optional<RecordingRule> find(long id) {
        return Optional.ofNullable(em.find(RecordingRule.class, id));
    }

    @Override
    public Optional<RecordingRule> lock(long id) {
        return Optional.ofNullable(em.find(RecordingRule.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Optional<RuleVersion> version(long ruleId, int version) {
        return Optional.ofNullable(em.find(RuleVersion.class, new RuleVersion.Key(ruleId, version)));
    }

    @Override
    public List<RuleVersion> current() {
        return em.createQuery("select v from RuleVersion v, RecordingRule r where v.ruleId = r.id"
                        + " and v.version = r.currentVersion and r.deletedAt is null order by v.ruleId",
                RuleVersion.class).getResultList();
    }
}
