package org.activerecorder.infrastructure.audio;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every five seconds, extends the stereo files of the recordings under way with what their streams' files hold for
 * good ({@link ProgressiveAssemblies}). File work only, no transaction. A pass still running when the next is due
 * lets it go by. Every five seconds rather than two: each pass stats, opens and closes every call's files (a pass
 * over 1,000 calls took about 155 ms on a busy machine), and the tail a call's end still has to mix grows only from
 * about 5 s of audio to about 8 s, a millisecond either way.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProgressivePass {

    @Inject
    private ProgressiveAssemblies assemblies;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "progressive assembly")
    void pass() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            assemblies.pass(Instant.now());
        } finally {
            running.set(false);
        }
    }
}
