package org.activerecorder.infrastructure.messaging.outbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends the oldest stored messages and deletes them, in one transaction of its own with the broker: both happen or
 * neither. Two relays (two servers on one database) may read the same messages; the second one's delete finds them
 * gone, its transaction rolls back, and its sends with it. The batch is deleted by one statement (one a message
 * before series BM).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxBatch {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    @Inject
    private JmsDispatch dispatch;

    /** Sends and deletes the oldest {@code max} messages, in the order they were stored; returns how many. */
    public int sendOldest(int max) {
        List<OutboxMessage> oldest = em.createQuery("select m from OutboxMessage m order by m.id", OutboxMessage.class)
                .setMaxResults(max)
                .getResultList();
        if (oldest.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        for (OutboxMessage message : oldest) {
            Duration timeToLive = message.expiresAt() == null ? null : Duration.between(now, message.expiresAt());
            dispatch.send(message.destination(), message.body(), OutboxProperties.read(message.properties()),
                    timeToLive);
        }
        List<Long> ids = oldest.stream().map(OutboxMessage::id).toList();
        int deleted = em.createQuery("delete from OutboxMessage m where m.id in :ids")
                .setParameter("ids", ids)
                .executeUpdate();
        if (deleted != ids.size()) {
            throw new OptimisticLockException(ids.size() - deleted + " of " + ids.size()
                    + " messages were sent by another relay meanwhile; this batch is rolled back, its sends with it");
        }
        return oldest.size();
    }

    /** Stores a message in a transaction of its own: for a sender that has none. */
    public void store(OutboxMessage message) {
        em.persist(message);
    }

    /** Messages stored and not sent yet. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long pending() {
        return em.createQuery("select count(m) from OutboxMessage m", Long.class).getSingleResult();
    }
}
