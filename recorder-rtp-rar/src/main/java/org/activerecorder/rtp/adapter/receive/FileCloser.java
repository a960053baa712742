package org.activerecorder.rtp.adapter.receive;

import jakarta.resource.spi.work.Work;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes closed streams' files away from the receive loops: forces each to disk and closes it, then publishes its
 * Closed event (whatever the stream hands over, in the order handed over).
 *
 * <p>Why a thread of its own: forcing a file waits for the disk, and under the write load of many streams that is
 * tens to hundreds of milliseconds per file. A receive loop that waits reads no packet meanwhile; at a burst of call
 * ends (a hundred BYEs a second) its fsyncs added up to stalls of half a second, which every other stream on the
 * loop took for a sender pause with a frozen clock ({@code TimestampJumpRule}, rule 1): their audio was shifted by
 * the stall and the parties of a call drifted apart (docs/alignment.md). The loop only writes out the audio it still
 * holds; this closer does the waiting.
 *
 * <p>One long-running task, started with the loops, takes the jobs from an unbounded queue: what bounds it is the
 * streams (one job each). Once asked to stop it admits no more jobs, finishes those it has and ends; a job it does
 * not admit is the caller's to run ({@link #submit} says so), so no Closed event is ever lost.
 */
final class FileCloser implements Work {

    private static final Logger LOG = Logger.getLogger(FileCloser.class.getName());

    /** How often a waiting closer looks whether it was asked to stop. */
    private static final long POLL_MILLIS = 200;

    private final String name;
    private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
    private final Object admission = new Object();
    private final CountDownLatch ended = new CountDownLatch(1);
    private boolean admitting = true;
    private volatile boolean stopRequested;

    FileCloser(String name) {
        this.name = name;
    }

    /**
     * Queues a stream's finishing; never blocks on the disk.
     *
     * @return {@code false} if the closer is stopping: the caller must run {@code job} itself
     */
    boolean submit(Runnable job) {
        synchronized (admission) {
            if (!admitting) {
                return false;
            }
            jobs.add(job);
            return true;
        }
    }

    @Override
    public void run() {
        Thread current = Thread.currentThread();
        String containerName = current.getName();
        current.setName(name);
        try {
            while (true) {
                Runnable job = jobs.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (job != null) {
                    runSafely(job);
                } else if (stopRequested && closeAdmission()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            LOG.warning(name + " interrupted; finishing the files it holds on this thread");
            current.interrupt();
        } finally {
            closeAdmission();
            Runnable job;
            while ((job = jobs.poll()) != null) {
                runSafely(job);
            }
            current.setName(containerName);
            ended.countDown();
        }
    }

    /** The container asks the work to end. */
    @Override
    public void release() {
        stop();
    }

    /** Admits no more jobs once those queued are done; returns at once. */
    void stop() {
        stopRequested = true;
    }

    /** Waits until the closer has finished every job it admitted. */
    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    /** Stops admitting; {@code true} if nothing was admitted meanwhile (so the queue is really done). */
    private boolean closeAdmission() {
        synchronized (admission) {
            admitting = false;
            return jobs.isEmpty();
        }
    }

    private void runSafely(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, name + ": finishing a stream file failed", e); // a bug; the others must go on
        }
    }
}
