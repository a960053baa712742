package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditLog;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log in the database: inserts and reads, and nothing else. A page is read by key, (occurred_at, id) below
 * the cursor's, newest first: the indexes of V18 end in (occurred_at, id), so each filter's page is one index range
 * read from its start, however deep the page.
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
        em.persist(entry);
    }

    @Override
    public List<AuditEntry> search(AuditSearch search) throws UnknownAuditEntry {
        List<String> where = new ArrayList<>();
        if (search.username() != null) {
            where.add("a.username = :username");
        }
        if (search.target() != null) {
            where.add("a.targetKind = :kind and a.target = :target");
        }
        if (search.from() != null) {
            where.add("a.occurredAt >= :from");
        }
        if (search.to() != null) {
            where.add("a.occurredAt < :to");
        }
        Instant cursorAt = null;
        if (search.before() != null) {
            cursorAt = occurredAt(search.before());
            // The row comparison (occurred_at, id) < (:at, :id) spelt out; the first term alone bounds the index range.
            where.add("a.occurredAt <= :at and (a.occurredAt < :at or a.id < :before)");
        }
        String jpql = "select a from AuditEntry a" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by a.occurredAt desc, a.id desc";
        TypedQuery<AuditEntry> query = em.createQuery(jpql, AuditEntry.class).setMaxResults(search.limit());
        if (search.username() != null) {
            query.setParameter("username", search.username());
        }
        if (search.target() != null) {
            query.setParameter("kind", search.target().kind()).setParameter("target", search.target().id());
        }
        if (search.from() != null) {
            query.setParameter("from", search.from());
        }
        if (search.to() != null) {
            query.setParameter("to", search.to());
        }
        if (cursorAt != null) {
            query.setParameter("at", cursorAt).setParameter("before", search.before());
        }
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
