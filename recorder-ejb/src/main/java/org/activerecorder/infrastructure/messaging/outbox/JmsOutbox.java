package org.activerecorder.infrastructure.messaging.outbox;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;

/**
 * Where the recorder's messages to the broker go: into the outbox table, in the caller's transaction (outside one, in
 * a transaction of its own), for {@link OutboxRelay} to send once that has committed, in the order stored.
 *
 * <p>Why not the broker in the transaction itself (XA), as before: a request's transaction then needs a two-phase
 * commit, the broker's prepare and commit and the transaction log each a disk sync, on the way to the answer (a 200
 * OK to an INVITE, a recording's end), and each request pays them alone. Through the outbox it touches the database
 * only, and the relay's one transaction with the broker carries the messages of every request of that moment. What
 * the guarantee was stays: a message leaves if and only if its transaction committed, once (the relay deletes what it
 * sends in the transaction that sends it), in the order stored, and a crash loses none of it (docs/events.md).
 */
@ApplicationScoped
public class JmsOutbox {

    /** Marks a transaction that already wakes the relay when it commits: once is enough, whatever it stored. */
    private static final Object WAKES_RELAY = new Object();

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    @Resource
    private TransactionSynchronizationRegistry transaction;

    @EJB
    private OutboxRelay relay;

    @EJB
    private OutboxBatch batches;

    public void send(OutgoingMessage message) {
        if (transaction.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            // stored too, in a transaction of its own, rather than sent at once: sent at once, it would overtake the
            // messages of transactions that committed before it and wait for the relay (a refusal sent before the
            // event of the operation that made it a refusal)
            batches.store(stored(message));
            relay.wake();
            return;
        }
        em.persist(stored(message));
        if (transaction.getResource(WAKES_RELAY) == null) {
            transaction.putResource(WAKES_RELAY, Boolean.TRUE);
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the relay reads only what has committed
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wake();
                    }
                }
            });
        }
    }

    private static OutboxMessage stored(OutgoingMessage message) {
        Instant now = Instant.now();
        return new OutboxMessage(message.destination(), message.body(), OutboxProperties.write(message.properties()),
                message.timeToLive() == null ? null : now.plus(message.timeToLive()), now);
    }
}
