package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditLog;
import org.activerecorder.domain.model.audit.AuditSearch;

import java.util.ArrayList;
import java.util.List;

/** The audit log in the database: inserts and reads, and nothing else. */
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
    public List<AuditEntry> search(AuditSearch search) {
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
        return query.getResultList();
    }
}
