package org.activerecorder.infrastructure.audio;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.activerecorder.application.ports.FileRemoval;
import org.activerecorder.application.ports.FileRemovals;
import org.activerecorder.infrastructure.metrics.RecorderMeters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Removes finished recordings' stream files on one thread of its own ({@code stream-file-remover}), so that the threads
 * that finish recordings never wait for it ({@link FileRemoval} says why that wait is long on a busy disk). One thread
 * is enough: removals wait for the disk, not for a CPU, and more threads would only queue at the disk together.
 *
 * <p>While recordings keep finishing, the files wait: until none has finished for {@value #QUIET_MILLIS} ms, and at
 * most {@value #MAX_HOLD_SECONDS} s ({@link RemovalQueue} says why). The queue is unbounded: an entry is two paths. A
 * server that stops removes what is queued before it stops (a few seconds' worth); a file left by a crash stays on
 * the disk, as it did when it was removed right after the commit. Meters: {@code
 * recorder_stream_files_awaiting_removal}, {@code recorder_stream_files_not_removed_total} (docs/metrics.md).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StreamFileRemover implements FileRemoval {

    private static final Logger LOG = Logger.getLogger(StreamFileRemover.class.getName());
    /** How long a stopping server waits for the queue to drain. */
    private static final long DRAIN_SECONDS = 30;
    /** How long no recording must have finished before the files are removed. */
    static final long QUIET_MILLIS = 2000;
    /** How long a recording's files wait at most, finishes or not. */
    static final long MAX_HOLD_SECONDS = 30;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    private RecorderMeters meters;

    private final RemovalQueue queue =
            new RemovalQueue(QUIET_MILLIS, TimeUnit.SECONDS.toMillis(MAX_HOLD_SECONDS), FileRemovals::removeNow);
    private Thread thread;

    @PostConstruct
    void start() {
        Gauge.builder("recorder.stream.files.awaiting.removal", queue, RemovalQueue::waiting)
                .description("stream files of finished recordings waiting to be removed: held while recordings keep"
                        + " finishing (up to " + MAX_HOLD_SECONDS + " s), then near 0 unless the disk is slow to let"
                        + " them go").baseUnit("files").register(meters.registry());
        FunctionCounter.builder("recorder.stream.files.not.removed", queue, RemovalQueue::notRemoved)
                .description("stream files of finished recordings that could not be removed; they stay on the disk")
                .baseUnit("files").register(meters.registry());
        thread = threads.newThread(queue);
        thread.setName("stream-file-remover");
        thread.start();
    }

    @PreDestroy
    void stop() {
        queue.stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (queue.waiting() > 0) {
            LOG.warning(queue.waiting() + " stream files of finished recordings were not removed before the stop;"
                    + " they stay on the disk");
        }
    }

    @Override
    public void remove(List<Path> files) {
        queue.add(files);
    }
}
