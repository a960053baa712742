package org.activerecorder.application.internal;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work that must wait for the current transaction's outcome: what touches the world outside the
 * database (ports, files) follows what the database decided, never the other way round.
 */
@ApplicationScoped
public class TransactionCallbacks {

    @Resource
    private TransactionSynchronizationRegistry transaction;

    /** Runs {@code action} once the current transaction has committed. */
    public void afterCommit(Runnable action) {
        afterCompletion(true, action);
    }

    /** Runs {@code action} if the current transaction ends without committing. */
    public void unlessCommitted(Runnable action) {
        afterCompletion(false, action);
    }

    private void afterCompletion(boolean onCommit, Runnable action) {
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing happens before the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                if ((status == Status.STATUS_COMMITTED) == onCommit) {
                    action.run();
                }
            }
        });
    }
}
