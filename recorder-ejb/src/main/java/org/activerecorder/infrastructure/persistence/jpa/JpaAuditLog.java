package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.activerecorder.domain.model.audit.AuditChainHead;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditLog;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log in the database: inserts and reads, and nothing else. A page is read by key, (occurred_at, id) below
 * the cursor's, newest first: the indexes of V18 end in (occurred_at, id), so each filter's page is one index range
 * read from its start, however deep the page.
 * <p>
 * Each insert first locks the chain's head row ({@code select ... for update}, V21) and links the entry after it: the
 * lock is held until the caller's transaction ends, so audited transactions commit one at a time past this point and
 * every entry's hash follows the entry committed before it. The work under the lock is one row read, one hash and
 * the row's update at flush.
 */
@ApplicationScoped
public class JpaAuditLog implements AuditLog {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    /** For the container. */
    public JpaAuditLog() {
    }

    /** Over this entity manager: for tests. */
    JpaAuditLog(EntityManager em) {
        this.em = em;
    }

    @Override
    public void append(AuditEntry entry) {
        AuditChainHead head = head(LockModeType.PESSIMISTIC_WRITE);
        // Linked before the persist: an immutable entity is inserted with the state it has when persisted.
        head.link(entry);
        em.persist(entry);
    }

    @Override
    public AuditChainHead chainHead() {
        return head(LockModeType.NONE);
    }

    /** The chain's one head row, read with {@code lock}; it exists from migration V21 on. */
    private AuditChainHead head(LockModeType lock) {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID, lock);
        if (head == null) {
            throw new IllegalStateException("the audit chain has no head row: migration V21 has not run");
        }
        return head;
    }

    @Override
    public List<AuditEntry> chained(long after, long upTo, int limit) {
        List<AuditEntry> entries = em.createQuery("select a from AuditEntry a where a.chainPosition > :after"
                        + " and a.chainPosition <= :upTo order by a.chainPosition", AuditEntry.class)
                .setParameter("after", after).setParameter("upTo", upTo).setMaxResults(limit).getResultList();
        // A walk of the whole chain keeps one batch in memory, not every entry it has read.
        entries.forEach(em::detach);
        return entries;
    }

    @Override
    public long unchainedCount() {
        return em.createQuery("select count(a) from AuditEntry a where a.chainPosition < 0", Long.class)
                .getSingleResult();
    }

    @Override
    public List<AuditEntry> search(AuditSearch search) throws UnknownAuditEntry {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (search.username() != null) {
            where.add("a.username = :username");
            parameters.put("username", search.username());
        }
        if (search.target() != null) {
            where.add("a.targetKind = :kind and a.target = :target");
            parameters.put("kind", search.target().kind());
            parameters.put("target", search.target().id());
        }
        if (search.from() != null) {
            where.add("a.occurredAt >= :from");
            parameters.put("from", search.from());
        }
        if (search.to() != null) {
            where.add("a.occurredAt < :to");
            parameters.put("to", search.to());
        }
        if (search.before() != null) {
            // The row comparison (occurred_at, id) < (:at, :before) spelt out; its first term bounds the index range.
            where.add("a.occurredAt <= :at and (a.occurredAt < :at or a.id < :before)");
            parameters.put("at", occurredAt(search.before()));
            parameters.put("before", search.before());
        }
        String jpql = "select a from AuditEntry a" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by a.occurredAt desc, a.id desc";
        TypedQuery<AuditEntry> query = em.createQuery(jpql, AuditEntry.class).setMaxResults(search.limit());
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    /**
     * When the cursor's entry occurred, as the database keeps it (to the microsecond): read as a value, not as the
     * entity, whose instance in this persistence context may still hold the finer time it was written with.
     */
    private Instant occurredAt(long id) throws UnknownAuditEntry {
        return em.createQuery("select a.occurredAt from AuditEntry a where a.id = :id", Instant.class)
                .setParameter("id", id).getResultStream().findFirst().orElseThrow(() -> new UnknownAuditEntry(id));
    }
}
