package org.activerecorder.load;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends every stream's packets on time from a few threads (a thread per stream would measure the load tool's
 * scheduler, not the recorder): each thread owns a share of the streams and wakes on a 1 ms tick (absolute, so
 * ticks do not drift), sends every packet that is due, and sleeps until the next tick, as the anchors' paced C
 * sender does. Waking for each packet instead would scan every stream for every packet: at 1,000 calls the tool
 * then used more CPU than the recorder. Streams start when their call's sessions are answered, so their 20 ms
 * phases are spread as the call starts are. How late the sends were is kept: a run whose sender fell behind did
 * not offer the load it claims.
 *
 * <p>Each thread sends its streams' packets either from each stream's own socket, one system call per packet, or
 * ({@link RtpSockets#SHARED}) from one socket of its own, a tick's packets in one batch ({@link BatchSocket}); a
 * stream is placed on a thread ({@link #next()}) before its session is offered, since with a shared socket its
 * offer names that thread's port.
 */
public final class RtpPacer implements AutoCloseable {

    private static final long TICK_NANOS = 1_000_000L;
    /** A send this late (5 ms) counts as late. */
    static final long LATE_NANOS = 5_000_000L;

    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong maxLateNanos = new AtomicLong();
    private final AtomicLong lateSends = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private volatile boolean running = true;

    /** Streams that each send from a socket of their own ({@link RtpSockets#PER_STREAM}). */
    public RtpPacer(int threads) {
        for (int i = 0; i < threads; i++) {
            startLane(i, null);
        }
    }

    private RtpPacer(int threads, InetAddress local) throws IOException {
        try {
            for (int i = 0; i < threads; i++) {
                startLane(i, new BatchSocket(local, "rtp-batch-" + i));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Streams that send from their pacing thread's socket, bound to {@code local} ({@link RtpSockets#SHARED}). */
    public static RtpPacer shared(int threads, InetAddress local) throws IOException {
        return new RtpPacer(threads, local);
    }

    private void startLane(int i, BatchSocket socket) {
        Lane lane = new Lane(socket);
        Thread thread = new Thread(lane, "rtp-pacer-" + i);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        lanes.add(lane);
        lane.thread = thread;
        thread.start();
    }

    /** Starts the stream now on the next thread: its first packet goes at once. */
    public void start(PacedStream stream) {
        next().start(stream);
    }

    /** The thread the next stream goes to (round robin); its socket's port is that stream's to offer. */
    public Lane next() {
        return lanes.get(Math.floorMod(next.getAndIncrement(), lanes.size()));
    }

    /**
     * The latest any packet was sent after it was due: by its pacing thread, or, from a shared socket, by the
     * socket's thread when it wrote the packet (a pacer on time hands packets over to a socket whose thread may be
     * minutes behind: series BO's BO7 in docs/performance.md had packets reach the recorder up to 200 s late while
     * the pacers were at most 306 ms late, series BP).
     */
    public long maxLateNanos() {
        long late = maxLateNanos.get();
        for (Lane lane : lanes) {
            if (lane.socket != null) {
                late = Math.max(late, lane.socket.maxLateNanos());
            }
        }
        return late;
    }

    /** Packets sent more than 5 ms after they were due (by a shared socket's thread: when it wrote them). */
    public long lateSends() {
        long late = lateSends.get();
        for (Lane lane : lanes) {
            if (lane.socket != null) {
                late += lane.socket.lateSends();
            }
        }
        return late;
    }

    /**
     * Packets sent so far (refused ones too: {@link #sharedSendErrors} and the streams' own counts say how many),
     * when they left (a shared socket's when its thread wrote them): what the recorder was offered, which falls short
     * of what was due when the tool's sender falls behind (series BP in docs/performance.md: at 3,000 calls its
     * shared sockets' thread fell 3.5 minutes behind).
     */
    public long packetsSent() {
        long sent = 0;
        for (Lane lane : lanes) {
            sent += lane.socket != null ? lane.socket.written() : lane.sent;
        }
        return sent;
    }

    /**
     * Whether every stream started so far has sent its first packet (a shared socket's: written by its thread). A
     * sender behind its schedule starts streams late: until their first packets have left, the recorder is still
     * setting streams up (each first packet's work), not in the steady state a CPU window measures (series BQ in
     * docs/performance.md: a window opened 4 s after the ramp by the schedule took 0.3 cores of setup work when the
     * sender was 20 s behind).
     */
    public boolean everyStreamSending() {
        long sending = 0;
        for (Lane lane : lanes) {
            sending += lane.socket != null ? lane.socket.firstsWritten() : lane.firstsSent;
        }
        return sending >= started.get();
    }

    /** Packets the shared sockets refused (0 with a socket per stream, whose streams count their own). */
    public long sharedSendErrors() {
        return lanes.stream().filter(lane -> lane.socket != null).mapToLong(lane -> lane.socket.failed()).sum();
    }

    @Override
    public void close() {
        running = false;
        lanes.forEach(lane -> LockSupport.unpark(lane.thread));
        for (Lane lane : lanes) {
            if (lane.socket != null) {
                lane.socket.close();
            }
        }
    }

    /** One pacing thread and its streams. */
    public final class Lane implements Runnable {
        final Queue<PacedStream> arriving = new ConcurrentLinkedQueue<>();
        final List<PacedStream> streams = new ArrayList<>();
        final BatchSocket socket;
        Thread thread;
        /** Packets its streams sent from sockets of their own; written by its thread alone. */
        volatile long sent;
        /** Its streams (with sockets of their own) whose first packet was sent; written by its thread alone. */
        volatile long firstsSent;

        Lane(BatchSocket socket) {
            this.socket = socket;
        }

        /** The port its streams send from and offer; 0 when each stream has a socket of its own. */
        public int sharedPort() {
            return socket == null ? 0 : socket.port();
        }

        /** Starts the stream now on this thread: its first packet goes at once. */
        public void start(PacedStream stream) {
            if (stream.shared() != (socket != null)) {
                throw new IllegalArgumentException("a stream " + (stream.shared() ? "without" : "with")
                        + " a socket of its own on a thread " + (socket != null ? "with" : "without") + " one");
            }
            stream.startAt(System.nanoTime());
            started.incrementAndGet();
            arriving.add(stream);
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            long worstLate = 0;
            long tick = System.nanoTime();
            while (running) {
                for (PacedStream arrived; (arrived = arriving.poll()) != null; ) {
                    streams.add(arrived);
                }
                long now = System.nanoTime();
                BatchSocket.Batch batch = null;
                for (int i = streams.size() - 1; i >= 0; i--) {
                    PacedStream stream = streams.get(i);
                    long due;
                    while (!stream.done() && (due = stream.due()) <= now) {
                        if (socket == null) {
                            long late = now - due;
                            if (late > LATE_NANOS) {
                                lateSends.incrementAndGet();
                            }
                            worstLate = Math.max(worstLate, late);
                            stream.late(late);
                            if (stream.sent() + stream.sendErrors() == 0) {
                                firstsSent++;
                            }
                            stream.sendNext();
                            sent++;
                        } else {
                            // its lateness is the socket's to note, when its thread writes it (BatchSocket)
                            if (batch == null) {
                                batch = new BatchSocket.Batch();
                            }
                            batch.add(stream, stream.handOver());
                        }
                    }
                    if (stream.done()) {
                        streams.set(i, streams.get(streams.size() - 1));
                        streams.remove(streams.size() - 1);
                        if (socket == null) {
                            stream.finish();
                        } // else the socket finishes it once its last packet has left
                    }
                }
                if (batch != null) {
                    socket.send(batch);
                }
                if (worstLate > maxLateNanos.get()) {
                    maxLateNanos.accumulateAndGet(worstLate, Math::max);
                }
                tick = Math.max(tick + TICK_NANOS, now);
                long sleep = tick - System.nanoTime();
                if (sleep > 0 && arriving.isEmpty()) {
                    LockSupport.parkNanos(sleep);
                }
            }
        }
    }
}
