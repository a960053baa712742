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
import org.activerecorder.infrastructure.metrics.RecorderMeters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes finished recordings' stream files on one thread of its own ({@code stream-file-remover}), so that the threads
 * that finish recordings never wait for it ({@link FileRemoval} says why that wait is long on a busy disk). One thread
 * is enough: removals wait for the disk, not for a CPU, and more threads would only queue at the disk together.
 *
 * <p>The queue is unbounded: an entry is two paths, and it drains as fast as the disk lets the files go. A server that
 * stops removes what is queued before it stops (a few seconds' worth at most); a file left by a crash stays on the
 * disk, as it did when it was removed right after the commit. Meters: {@code recorder_stream_files_awaiting_removal},
 * {@code recorder_stream_files_not_removed_total} (docs/metrics.md).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StreamFileRemover implements FileRemoval {

    private static final Logger LOG = Logger.getLogger(StreamFileRemover.class.getName());
    /** How long a stopping server waits for the queue to drain. */
    private static final long DRAIN_SECONDS = 30;
    private static final List<Path> STOP = List.of();

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    private RecorderMeters meters;

    private final LinkedBlockingQueue<List<Path>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong notRemoved = new AtomicLong();
    private Thread thread;

    @PostConstruct
    void start() {
        Gauge.builder("recorder.stream.files.awaiting.removal", waiting, AtomicLong::get)
                .description("stream files of finished recordings waiting to be removed: near 0, unless the disk is"
                        + " slow to let them go").baseUnit("files").register(meters.registry());
        FunctionCounter.builder("recorder.stream.files.not.removed", notRemoved, AtomicLong::get)
                .description("stream files of finished recordings that could not be removed; they stay on the disk")
                .baseUnit("files").register(meters.registry());
        thread = threads.newThread(this::removeQueued);
        thread.setName("stream-file-remover");
        thread.start();
    }

    @PreDestroy
    void stop() {
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (waiting.get() > 0) {
            LOG.warning(waiting.get() + " stream files of finished recordings were not removed before the stop; they"
                    + " stay on the disk");
        }
    }

    @Override
    public void remove(List<Path> files) {
        if (!files.isEmpty()) {
            waiting.addAndGet(files.size());
            queue.add(List.copyOf(files));
        }
    }

    private void removeQueued() {
        try {
            List<Path> files;
            while ((files = queue.take()) != STOP) {
                removeOne(files);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One recording's files: whatever goes wrong with them, the thread goes on with the next recording's. */
    private void removeOne(List<Path> files) {
        int left;
        try {
            left = FileRemoval.removeNow(files);
        } catch (RuntimeException e) {
            left = files.size();
            LOG.log(Level.SEVERE, "Removing the stream files " + files + " failed", e);
        }
        waiting.addAndGet(-files.size());
        if (left > 0) {
            notRemoved.addAndGet(left);
            LOG.warning(left + " of the stream files " + files + " cannot be removed; they stay on the disk");
        }
    }
}
