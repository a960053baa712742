package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

/** What a transaction's persistence context holds, for repositories that lock before they read. */
final class PersistenceContexts {

    private PersistenceContexts() {
    }

    /**
     * Whether the transaction has read no entity yet: then a row locked now is read fresh, and nothing it holds can
     * be stale or lose unwritten changes to a refresh.
     */
    static boolean holdsNothing(EntityManager em) {
        return em.unwrap(Session.class).getStatistics().getEntityCount() == 0;
    }
}
