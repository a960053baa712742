package org.activerecorder.infrastructure.messaging.outbox;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.activerecorder.infrastructure.metrics.RecorderMeters;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends what the outbox holds ({@link JmsOutbox}), on one thread of its own so that the messages leave in the order
 * they were stored: woken by every transaction that stored one as it commits, and at least once a second anyway (a
 * message stored before a restart, or by another server on the same database, or one whose sending failed). Sending
 * that fails (the broker down or full) leaves the messages stored: the relay counts every failed attempt, says so
 * once when a second attempt in a row fails, and tries again every second until it works; then it says that too. Meters: {@code recorder_outbox_messages_sent_total},
 * {@code recorder_outbox_failures_total} and {@code recorder_outbox_messages_pending} (docs/metrics.md).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    /** Messages per transaction: under load the messages of many requests share its syncs. */
    private static final int BATCH = 200;
    /** The longest the relay waits without being woken, and the wait after a failure. */
    private static final long IDLE_MILLIS = 1000;

    @Resource
    private ManagedThreadFactory threads;

    @EJB
    private OutboxBatch batches;

    @Inject
    private RecorderMeters meters;

    private final Semaphore due = new Semaphore(0);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopping;
    private Thread thread;

    @PostConstruct
    void start() {
        FunctionCounter.builder("recorder.outbox.messages.sent", sent, AtomicLong::get)
                .description("messages (recording events, call-control commands) sent to the broker by the outbox")
                .baseUnit("messages").register(meters.registry());
        FunctionCounter.builder("recorder.outbox.failures", failures, AtomicLong::get)
                .description("attempts to send the outbox's messages that failed; the messages stay stored")
                .baseUnit("failures").register(meters.registry());
        Gauge.builder("recorder.outbox.messages.pending", this, OutboxRelay::pendingOrNaN)
                .description("messages stored for the broker and not sent yet").baseUnit("messages")
                .register(meters.registry());
        thread = threads.newThread(this::relay);
        thread.setName("jms-outbox-relay");
        thread.start();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        due.release();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A transaction that stored messages has committed. */
    public void wake() {
        due.release();
    }

    private void relay() {
        int failing = 0;
        while (!stopping) {
            failing = sendAll(failing);
            try {
                due.tryAcquire(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (failing == 0) {
                    due.drainPermits(); // one pass serves every commit that woke it
                } else {
                    Thread.sleep(IDLE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        sendAll(failing); // what the last transactions stored, if the broker still takes it; else the next start
    }

    /**
     * Sends until the outbox is empty; returns how many attempts in a row have failed now (0: it worked). The warning
     * waits for the second failure in a row: a server that stops suspends its beans a moment before this relay stops,
     * and one attempt in that moment fails without anything being wrong.
     */
    private int sendAll(int failedBefore) {
        try {
            int count;
            do {
                count = batches.sendOldest(BATCH);
                sent.addAndGet(count);
            } while (count == BATCH && !stopping);
            if (failedBefore > 1) {
                LOG.info("The outbox's messages are sent again, after " + failedBefore + " failed attempts");
            }
            return 0;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            int failed = failedBefore + 1;
            if (failed == 2) {
                LOG.log(Level.WARNING, "The outbox's messages cannot be sent now; they stay stored and are sent once"
                        + " the broker takes them (tried every second, counted in recorder_outbox_failures_total)", e);
            } else {
                LOG.log(Level.FINE, "sending the outbox's messages failed (attempt " + failed + " in a row)", e);
            }
            return failed;
        }
    }

    private double pendingOrNaN() {
        try {
            return batches.pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
