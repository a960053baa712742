package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.engine.spi.EntityKey;

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

    /**
     * Whether the transaction holds no entity of these types (it may hold others, such as the call it locked): then a
     * row of one of them locked now is read fresh, and none it holds can be stale.
     */
    static boolean holdsNo(EntityManager em, Class<?>... types) {
        for (Object held : em.unwrap(Session.class).getStatistics().getEntityKeys()) {
            for (Class<?> type : types) {
                if (held instanceof EntityKey key && key.getEntityName().equals(type.getName())) {
                    return false;
                }
            }
        }
        return true;
    }
}
