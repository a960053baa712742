package org.activerecorder.rtp.adapter.decode;

import jakarta.resource.spi.work.Work;
import org.activerecorder.rtp.api.AudioCodec;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decodes, off its receive loop, the payloads of the loop's streams whose codec cannot be decoded on the loop (Opus):
 * one worker per receive loop, on a thread of its own from the container (it is a {@link Work}, run like the loop).
 *
 * <p>The loop hands it slots through a single-producer single-consumer ring of {@value #JOBS} entries (the loop is
 * the only producer): {@link #offer} writes an entry and publishes it with an ordered store, then unparks the
 * worker; no lock, no allocation, no wait on the loop. (Waking it once per loop round instead was measured in
 * docs/performance.md, "Codecs": no less CPU at 100 Opus calls, and not kept.) The worker decodes the entries in the
 * order they came, so each stream's packets are decoded in the order they were placed, and parks when the ring is
 * empty. A full ring refuses the entry, which the stream records as a recorder failure: the loop never waits for
 * decoding.
 */
public final class DecodeWorker implements Work {

    /**
     * Entries the ring holds: every stream's {@value DecodeSlots#SLOTS} slots for 682 streams on the loop (more
     * Opus calls than two loops can decode on this project's machines), so the slots, not the ring, bound a stream's
     * backlog.
     */
    static final int JOBS = 32_768;
    private static final int MASK = JOBS - 1;
    private static final Logger LOG = Logger.getLogger(DecodeWorker.class.getName());

    private final String name;
    private final Function<AudioCodec, FrameDecoder> decoders;
    private final boolean warmUp;
    private final DecodeSlots[] streams = new DecodeSlots[JOBS];
    private final int[] slots = new int[JOBS];
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean stopRequested;

    /**
     * A worker named {@code name} (its thread's name while it runs) decoding with the codecs' own decoders, which
     * warms the Opus decoder up before its first stream if no worker of this JVM has ({@link OpusWarmUp}).
     */
    public DecodeWorker(String name) {
        this(name, FrameDecoder::forCodec, true);
    }

    /** A worker whose streams get their decoders from {@code decoders} (tests give slow or failing ones). */
    public DecodeWorker(String name, Function<AudioCodec, FrameDecoder> decoders) {
        this(name, decoders, false);
    }

    private DecodeWorker(String name, Function<AudioCodec, FrameDecoder> decoders, boolean warmUp) {
        this.name = name;
        this.decoders = decoders;
        this.warmUp = warmUp;
    }

    /** The slots of a new stream of {@code codec} decoded by this worker. */
    public DecodeSlots slotsFor(String streamId, AudioCodec codec) {
        return new DecodeSlots(streamId, decoders.apply(codec), this, codec.maxSamplesPerPacket(),
                codec.sampleRate() / 50);
    }

    /** On the loop: queues a slot; {@code false} if the ring is full (the worker is far behind or not running). */
    boolean offer(DecodeSlots stream, int slot) {
        long next = published.get();
        if (next - taken.get() >= JOBS) {
            return false;
        }
        int index = (int) (next & MASK);
        streams[index] = stream;
        slots[index] = slot;
        published.lazySet(next + 1);
        Thread worker = thread;
        if (worker != null) {
            LockSupport.unpark(worker);
        }
        return true;
    }

    @Override
    public void run() {
        Thread current = Thread.currentThread();
        String previousName = current.getName();
        current.setName(name);
        thread = current;
        try {
            if (warmUp) {
                OpusWarmUp.once(() -> stopRequested || taken.get() != published.get());
            }
            while (!stopRequested) {
                long next = taken.get();
                if (next == published.get()) {
                    LockSupport.park(this);
                    continue;
                }
                int index = (int) (next & MASK);
                DecodeSlots stream = streams[index];
                int slot = slots[index];
                streams[index] = null;
                taken.lazySet(next + 1);
                stream.decode(slot);
            }
        } catch (RuntimeException | Error e) {
            // DecodeSlots keeps a decoder's failures to itself: this is the worker's own, and the end of it
            LOG.log(Level.SEVERE, name + " ended: the Opus packets of its loop are recorder failures from now on", e);
            throw e;
        } finally {
            thread = null;
            current.setName(previousName);
            ended.countDown();
        }
    }

    /**
     * Asks the worker to end. What it has not decoded then is finished by each stream's close ({@link
     * DecodeSlots#drain}), so stop it after the loops that feed it.
     */
    public void stop() {
        stopRequested = true;
        Thread worker = thread;
        if (worker != null) {
            LockSupport.unpark(worker);
        }
    }

    @Override
    public void release() {
        stop();
    }

    /** Waits for {@link #run} to end, if it ever started; {@code true} if it ended in time. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    /** Whether {@link #offer} would refuse an entry now (a snapshot; the loop's own view is exact). */
    boolean full() {
        return published.get() - taken.get() >= JOBS;
    }

    /** Entries ever queued (a snapshot; for tests, which can read it without asking the loop). */
    public long offered() {
        return published.get();
    }

    /** Entries waiting (for the metrics and tests; a snapshot). */
    public long backlog() {
        return published.get() - taken.get();
    }
}
