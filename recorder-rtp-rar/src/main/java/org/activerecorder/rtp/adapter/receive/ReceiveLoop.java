package org.activerecorder.rtp.adapter.receive;

import jakarta.resource.spi.work.Work;
import org.activerecorder.rtp.adapter.decode.DecodeWorker;
import org.activerecorder.rtp.adapter.metrics.LoopFigures;
import org.activerecorder.rtp.adapter.metrics.StreamTotals;
import org.activerecorder.rtp.adapter.packet.RtcpMux;
import org.activerecorder.rtp.adapter.pipeline.RingPool;
import org.activerecorder.rtp.adapter.pipeline.StreamPipeline;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;
import org.activerecorder.rtp.api.StreamStatistics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One receive thread: a {@link Selector} over the non-blocking RTP and RTCP channels of many streams.
 *
 * <p>Per datagram the loop does one {@code receive} into its single direct buffer and hands the bytes to the
 * stream's pipeline; it allocates nothing (the JDK reuses the sender's address object while the sender stays the
 * same) and logs nothing. Other threads never touch the selector's channels: they post commands (register a
 * stream; close, pause or resume one; set its tap) to a queue and wake the selector, and the loop runs them between
 * two selects, so they are ordered with the packets it reads.
 *
 * <p>Each round serves what is ready without waiting and sleeps in the selector only when nothing was; a round whose
 * select reported every ready socket tells the pipelines that the sockets it did not report were empty then
 * ({@link SeenEmpty}), so that a datagram read late is not taken for one sent after a quiet spell.
 *
 * <p>Twice a second it sweeps its streams: one that has gone quiet writes out the audio it holds, and one with no
 * packet for the quiet limit (a sender gone without a BYE) is closed with {@link CloseReason#NO_MEDIA}.
 *
 * <p>Events leave through the {@link StreamEventSink}, which only queues them: the loop never schedules work, waits
 * for a delivery or sees a delivery fail.
 *
 * <p>It is a {@link Work} so that the container's WorkManager can run it (and ask it to end through
 * {@link #release()}), and a plain {@link Runnable} for any {@link java.util.concurrent.Executor} in tests.
 * When it ends, for whatever reason, it closes every stream it owns with {@link CloseReason#ADAPTER_STOPPED}.
 */
final class ReceiveLoop implements Work {

    private static final Logger LOG = Logger.getLogger(ReceiveLoop.class.getName());

    /**
     * Datagrams taken from a ready RTP channel in a round, at most: one, unless the channel was ready in the round
     * before too (datagrams come faster than one a round: a burst, a sender catching up), then up to
     * {@value #DATAGRAMS_PER_TURN} until it is empty. The selector is level-triggered, so a channel with more waiting
     * is ready again at the next select, and no sender can starve the others. Reading until the channel is empty
     * every time costs a second {@code receive} per packet (the one that finds nothing) when, as in a call, each
     * stream has one packet waiting per round (docs/performance.md, "Where the CPU goes").
     */
    private static final int DATAGRAMS_PER_TURN = 16;
    /**
     * The shortest round, in nanoseconds: a loop that has been through its ready channels sooner rests for the rest of
     * it, so that the packets of a millisecond are read in one select rather than a wakeup (and two context switches)
     * for every few. A packet waits in its socket at most this long more; a loop that falls behind never rests.
     */
    private static final long SHORTEST_ROUND_NANOS = 1_000_000L;
    /**
     * The most datagrams read from a closing stream's socket: more than its receive buffer holds (a group's socket
     * holds more: {@link PortGroup#queuedAtMost()}).
     */
    static final int QUEUED_AT_CLOSE = 4096;
    /**
     * Idle rings a loop keeps for its next streams ({@link RingPool}): 1,024 narrowband streams' worth, the ends of a
     * burst of 500 calls, without holding much heap after a peak.
     */
    static final long IDLE_RINGS_BYTES = 16L << 20;

    /** Longest sleep in select: bounds how late a lost wakeup is noticed and how often quiet streams are swept. */
    private static final long SELECT_TIMEOUT_MILLIS = 500;
    /** A stream with no packet for this long has the audio it holds in memory written out (a crash loses none of it). */
    private static final long QUIET_NANOS = 500_000_000L;
    /** How often, at least, a loop with closes waiting for a drop reading looks at them again. */
    private static final long CLOSING_RECHECK_MILLIS = 10;
    /** How often, at least, a loop with held streams looks at them again (it is not woken when the worker is done). */
    private static final long HELD_RECHECK_MILLIS = 2;
    /** Larger than any UDP datagram, so nothing is ever truncated. */
    private static final int BUFFER_BYTES = 65_536;

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int ENDED = 2;

    private final String name;
    private final long quietLimitNanos;
    /**
     * How far behind its wall clock a stream's reading may fall while the loop leaves its packets in its socket for
     * its decoding to catch up ({@link #hold}); 0: never held ({@link ReceiverSettings#decodeHoldLimit}).
     */
    private final long holdLimitNanos;
    private final Selector selector;
    /** Decodes, on a thread of its own, the payloads of this loop's streams that cannot be decoded here (Opus). */
    private final DecodeWorker decoding;
    private final RingPool rings = new RingPool(IDLE_RINGS_BYTES);
    private final Consumer<RtpStream> onEnded;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final short[] scratch = new short[BUFFER_BYTES];
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    /**
     * Whether the loop is in, or about to enter, a select that sleeps: only then does a posted command wake it. A
     * busy loop runs its commands at its next round anyway (within {@link #SHORTEST_ROUND_NANOS}), and waking it
     * cost every command a write to the selector's wake-up descriptor under the selector's lock, and the loop a read
     * to clear it: in series BF the stream openings waited 10 ms or more for that lock 25 times in 12 s (its holder
     * preempted on two full cores). In series BG those waits stayed (8-17 a window against 12): in a ramp most
     * openings still find the loops asleep. Set before the loop's last look at the commands and read after a command
     * is posted (both volatile), so that one of the two always sees the other: no command waits for a select's
     * timeout.
     */
    private volatile boolean sleeping;
    /** Selects so far (the loop's thread only): tells a stream ready in consecutive rounds ({@link RtpStream#readyAgain}). */
    private long round;
    /** Whether a stream in this round had datagrams waiting since the round before: then the loop does not rest. */
    private boolean backlogged;
    /** When each socket was last seen empty: the earliest its next datagram can have arrived. */
    private final SeenEmpty seenEmpty = new SeenEmpty();
    /**
     * The round whose select slept until a socket was ready: what it reports woke the loop, so a socket's first
     * datagram in that round is read as it arrived, however long ago the look before the sleep was.
     */
    private long sleptRound = Long.MIN_VALUE;
    /** {@link #afterServing}'s hook: null but in tests. */
    private volatile Consumer<RtpStream> afterServed;
    private final Object admission = new Object();
    private final Set<RtpStream> streams = new HashSet<>();
    /** The final counters of the streams this loop closed, for the server's metrics (added to once per close). */
    private final Tally closedTally = new Tally();
    /** Reused by the sweep: streams cannot be closed while {@link #streams} is iterated. */
    private final List<RtpStream> failedStreams = new ArrayList<>();
    private final List<RtpStream> silentStreams = new ArrayList<>();
    /** Streams whose RTP socket the loop leaves unread while their decode backlog is full ({@link #hold}). */
    private final List<RtpStream> held = new ArrayList<>();
    /**
     * Streams closed on request whose sockets' kernel drops up to the close have not been read yet ({@link #doClose}):
     * their sockets open but no longer watched, they end once a reading has begun since.
     */
    private final List<Closing> closing = new ArrayList<>();
    /** The port groups whose sockets this loop has registered, open. */
    private final Set<PortGroup> groups = new HashSet<>();
    /** Foreign datagrams of the groups this loop has closed (the open ones count their own). */
    private long closedGroupsForeign;
    /** Kernel drops of the closed groups' sockets that no stream's record took ({@link PortGroup#unattributedDrops}). */
    private long closedGroupsDrops;
    /**
     * Streams of a group that failed while the group's socket was read for another reason (a close's or a late
     * reading), and their reasons: closed after that reading, since a close reads the group's socket itself.
     */
    private final List<GroupFailure> groupFailures = new ArrayList<>();
    /** Reused by a group's reading: the streams it marked as read late, to unmark at its end. */
    private final List<RtpStream> lateInGroup = new ArrayList<>();
    private List<PortGroup> groupsAwaitingRelease = new ArrayList<>();
    private List<PortGroup> groupsReleasing = new ArrayList<>();
    private long lastSweepNanos;
    private final Consumer<SelectionKey> onReady = this::drain;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final CountDownLatch ended = new CountDownLatch(1);

    private List<RtpStream> closedAwaitingRelease = new ArrayList<>();
    private List<RtpStream> releasing = new ArrayList<>();
    private boolean admitting = true;
    private volatile boolean stopRequested;
    private volatile Thread thread;

    /**
     * @param name        the thread's name while the loop runs
     * @param quietLimit  a stream without a packet for this long is closed ({@link Duration#ZERO}: never)
     * @param holdLimit   how far behind a stream may fall while it is held for its decoding ({@link #hold};
     *                    {@link Duration#ZERO}: never held)
     * @param onEnded     told, on the loop thread, of every stream this loop closed
     */
    ReceiveLoop(String name, Duration quietLimit, Duration holdLimit, Consumer<RtpStream> onEnded) throws IOException {
        this.name = name;
        this.quietLimitNanos = quietLimit.toNanos();
        this.holdLimitNanos = holdLimit.toNanos();
        this.onEnded = onEnded;
        this.selector = Selector.open();
        this.decoding = new DecodeWorker(name + "-decode");
    }

    /** Hands a stream to the loop; {@code false} if the loop is ending (the caller still owns the stream). */
    boolean register(RtpStream stream) {
        return submit(() -> doRegister(stream));
    }

    /** Asks the loop to close a stream as requested; {@code false} if the loop is ending (it closes it anyway). */
    boolean close(RtpStream stream) {
        return submit(() -> doClose(stream, CloseReason.REQUESTED));
    }

    /**
     * Runs {@code command} on the stream between two selects, if the stream is still this loop's then.
     *
     * @return {@code false} if the loop is ending
     */
    boolean run(RtpStream stream, Consumer<RtpStream> command) {
        return run(stream, command, () -> { });
    }

    /**
     * Runs {@code command} on the stream between two selects if the stream is still this loop's then, else
     * {@code gone} (on the loop too), so that a caller waiting for the command's answer always gets one.
     *
     * @return {@code false} if the loop is ending (neither runs)
     */
    boolean run(RtpStream stream, Consumer<RtpStream> command, Runnable gone) {
        return submit(() -> {
            if (streams.contains(stream)) {
                command.accept(stream);
            } else {
                gone.run();
            }
        });
    }

    /** A snapshot of a stream's counters, taken between two selects; refused (exceptionally) if the loop is ending. */
    CompletableFuture<StreamStatistics> statistics(RtpStream stream) {
        CompletableFuture<StreamStatistics> snapshot = new CompletableFuture<>();
        if (!submit(() -> snapshot.complete(stream.statistics()))) {
            snapshot.completeExceptionally(new IllegalStateException(name + " is ending"));
        }
        return snapshot;
    }

    /**
     * The loop's stream count and the counters of every stream it served (closed ones and open ones so far), taken
     * between two selects so that each stream is counted once; refused (exceptionally) if the loop is ending.
     */
    CompletableFuture<LoopFigures> figures() {
        CompletableFuture<LoopFigures> figures = new CompletableFuture<>();
        if (!submit(() -> {
            Tally all = closedTally.copy();
            for (RtpStream stream : streams) {
                all.add(stream);
            }
            for (Closing ending : closing) {
                all.add(ending.stream());
            }
            long groupsForeign = closedGroupsForeign;
            long groupsDrops = closedGroupsDrops;
            for (PortGroup group : groups) {
                groupsForeign += group.foreign();
                groupsDrops += group.unattributedDrops();
            }
            all.totals.addForeign(groupsForeign);
            all.totals.addKernelDrops(groupsDrops);
            figures.complete(new LoopFigures(streams.size(), all.totals.toStatistics(), decoding.backlog(),
                    held.size(), all.holds, all.holdLimits));
        })) {
            figures.completeExceptionally(new IllegalStateException(name + " is ending"));
        }
        return figures;
    }

    /** This loop's decode worker: the receiver runs it beside the loop and stops it after the loop has ended. */
    DecodeWorker decodeWorker() {
        return decoding;
    }

    /** Where this loop's streams take their audio windows' rings from, and give them back to when they end. */
    RingPool rings() {
        return rings;
    }

    /** Whether the calling thread is this loop's (waiting for the loop there would dead-lock). */
    boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void run() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            return; // stopped before it ever ran: stop() has cleaned up
        }
        Thread current = Thread.currentThread();
        String containerName = current.getName();
        thread = current;
        current.setName(name);
        try {
            while (!stopRequested) {
                runCommands();
                closeGroupFailures();
                releaseClosedPorts(true);
                resumeHeld();
                endCloses(stopRequested);
                select();
                long readyAt = System.nanoTime();
                sweepQuietStreams();
                restUntilNextRound(readyAt);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, name + " failed; closing its streams", e);
        } finally {
            try {
                shutdown();
            } finally {
                current.setName(containerName);
                thread = null;
                state.set(ENDED);
                ended.countDown();
            }
        }
    }

    /**
     * One round, or two: what is ready now is served without waiting; if nothing is (every socket empty at that look),
     * the loop sleeps in a second select until something is. The look that found nothing is what tells the pipeline
     * that what it reads next arrived after it ({@link SeenEmpty}); a select that slept tells nothing about when a
     * socket it reports ready filled, and costs this one extra call only when the loop had nothing to do. But it
     * woke the loop when the first of them did, and the loop read them at once: their read times are their arrivals,
     * to within the thread's wake-up, which the pipeline is told ({@code woken}), where a busy loop's read may come
     * long after the arrival.
     */
    private void select() throws IOException {
        round++;
        backlogged = false;
        long calledAt = System.nanoTime();
        int ready = selector.selectNow(onReady);
        seenEmpty.polled(round, ready, calledAt);
        if (ready != 0) {
            return;
        }
        sleeping = true; // before the look at the commands: a command posted after that look wakes the select
        try {
            if (commands.isEmpty() && !stopRequested) {
                round++;
                sleptRound = round;
                calledAt = System.nanoTime();
                seenEmpty.polled(round, selector.select(onReady, !held.isEmpty() ? HELD_RECHECK_MILLIS
                        : !closing.isEmpty() ? CLOSING_RECHECK_MILLIS : SELECT_TIMEOUT_MILLIS), calledAt);
            }
        } finally {
            sleeping = false;
        }
    }

    /**
     * Rests until {@link #SHORTEST_ROUND_NANOS} after the select returned, unless a stream has a backlog or a command
     * or a stop is waiting. The round is counted from the select's return, not its start: a select that slept until a
     * packet came has read one packet, and the rest lets the others of its millisecond arrive.
     */
    private void restUntilNextRound(long readyAt) {
        long rest = SHORTEST_ROUND_NANOS - (System.nanoTime() - readyAt);
        if (rest > 0 && !backlogged && !stopRequested && commands.isEmpty()) {
            java.util.concurrent.locks.LockSupport.parkNanos(rest);
        }
    }

    /** The container asks the work to end. */
    @Override
    public void release() {
        stop();
    }

    /** Ends the loop: its streams are closed with {@link CloseReason#ADAPTER_STOPPED}. Returns at once. */
    void stop() {
        stopRequested = true;
        if (state.compareAndSet(NEW, ENDED)) {
            shutdown(); // never ran: nobody else will
            ended.countDown();
        } else {
            selector.wakeup();
        }
    }

    /** Waits until the loop has ended and every one of its ports is released. */
    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    private boolean submit(Runnable command) {
        synchronized (admission) {
            if (!admitting) {
                return false;
            }
            commands.add(command);
        }
        if (sleeping) {
            selector.wakeup();
        }
        return true;
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, name + ": a stream command failed", e); // a bug; the loop must go on
            }
        }
    }

    private void doRegister(RtpStream stream) {
        streams.add(stream);
        if (stream.group() != null) {
            joinGroup(stream, stream.group());
            return;
        }
        stream.readyAgain(round); // datagrams may wait in its socket already: it has not been seen empty yet
        try {
            stream.ports().rtp().register(selector, SelectionKey.OP_READ, stream);
            if (!stream.ports().rtcpMuxed()) {
                stream.ports().rtcp().register(selector, SelectionKey.OP_READ, stream);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot register stream " + stream.id() + " with " + name, e);
            doClose(stream, CloseReason.ADAPTER_STOPPED);
        }
    }

    /**
     * A stream that shares its group's port joins the group's demultiplexer; the group's first stream registers the
     * group's sockets.
     */
    private void joinGroup(RtpStream stream, PortGroup group) {
        try {
            if (group.key() == null) {
                SelectionKey key = group.ports().rtp().register(selector, SelectionKey.OP_READ, group);
                if (!group.rtcpMuxed()) {
                    group.ports().rtcp().register(selector, SelectionKey.OP_READ, group);
                }
                group.registered(key);
                groups.add(group);
                group.readyAgain(round); // datagrams may wait in its socket already: not seen empty yet
            }
            group.admitJoining();
            if (!group.demux().contains(stream)) {
                group.addMember(stream);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot register stream " + stream.id() + " in " + group + " with " + name, e);
            doClose(stream, CloseReason.ADAPTER_STOPPED);
        }
    }

    /**
     * Closes a stream. One closed on request first reads what waits in its socket ({@link #takeQueued}); then, if its
     * socket's kernel drops up to now may not all be counted (something was dropped in the namespace since their
     * latest reading, or the host's UDP memory is tight, or the kernel was seen dropping without counting: see
     * {@code SocketDropWatch}), the stream is not watched any more but its socket stays open, and it ends once a
     * reading has begun since ({@link #endCloses}, within a second, at most as long as a hole waits for one).
     * The call's last packets, dropped by the kernel as a burst filled the buffer at the end, make no hole: only the
     * count says they are missing, and the stream's end places them ({@code GapTimeline.finish}). A socket closed
     * first would leave the tables before the reading could count them. When nothing was dropped anywhere since the
     * latest reading (the usual case), the stream ends at once.
     */
    private void doClose(RtpStream stream, CloseReason reason) {
        if (!streams.remove(stream) && isClosing(stream)) {
            return; // asked again while it waits for the reading
        }
        if (held.remove(stream)) {
            readAgain(stream); // what waits in its socket is read at the close, as any stream's
        }
        if (reason == CloseReason.REQUESTED || reason == CloseReason.ADAPTER_STOPPED) {
            takeQueued(stream);
            long drainedAt = System.nanoTime();
            if (reason == CloseReason.REQUESTED && !stopRequested && !stream.dropsCurrent()) {
                // a group's socket is read on for its other streams, and what still comes for this one recorded
                SelectionKey key = stream.group() == null ? stream.ports().rtp().keyFor(selector) : null;
                if (key != null && key.isValid()) {
                    key.interestOps(0);
                }
                closing.add(new Closing(stream, reason, drainedAt));
                return;
            }
        }
        end(stream, reason);
    }

    private boolean isClosing(RtpStream stream) {
        for (Closing ending : closing) {
            if (ending.stream() == stream) {
                return true;
            }
        }
        return false;
    }

    /**
     * Before each select ({@code all}: at a stop): the closes whose sockets' drops have been read since they drained
     * them end now, in order.
     */
    private void endCloses(boolean all) {
        if (closing.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (Iterator<Closing> it = closing.iterator(); it.hasNext(); ) {
            Closing ending = it.next();
            if (all || ending.stream().knowsDropsBefore(ending.drainedAt(), now)) {
                it.remove();
                end(ending.stream(), ending.reason());
            }
        }
    }

    /** The stream's end: its file finished, its ports closed, its final counters added to the loop's. */
    private void end(RtpStream stream, CloseReason reason) {
        if (stream.close(reason)) {
            if (stream.group() != null) {
                leaveGroup(stream, stream.group());
            }
            countClosed(stream);
            closedAwaitingRelease.add(stream);
            onEnded.accept(stream);
        }
    }

    /** An ended stream leaves its group; the group's last closes the group's sockets. */
    private void leaveGroup(RtpStream stream, PortGroup group) {
        group.remove(stream);
        if (group.leave(PortGroup.peerOf(stream.firstSpec()), !stream.groupLatched())) {
            closeGroup(group);
        }
    }

    /**
     * Closes a group whose last place was given back; its port is released once the selector has let go of its
     * sockets ({@link #releaseClosedPorts}), at once if it never had a key.
     */
    private void closeGroup(PortGroup group) {
        if (!group.closeChannels()) {
            return;
        }
        long unattributed = group.unattributedDrops();
        if (groups.remove(group)) {
            closedGroupsForeign += group.foreign();
            closedGroupsDrops += unattributed;
        }
        if (unattributed > 0) {
            LOG.warning(() -> group + " closed: the kernel dropped " + unattributed + " datagram(s) on it for a full"
                    + " receive buffer that no stream's record took, neither as a hole nor as its end (a stream that"
                    + " ended right after its last packet was read cannot have lost its end; docs/port-groups.md,"
                    + " rule 5). Counted in the kernel drops of the metrics.");
        }
        LOG.fine(() -> group + " closed: " + group.foreign() + " datagram(s) no stream took, "
                + group.rtcpPackets() + " RTCP datagram(s), " + group.rtcpUnattributed() + " of them no stream's");
        if (group.key() != null) {
            groupsAwaitingRelease.add(group);
        } else {
            group.portReleased();
        }
    }

    /**
     * Closes, on the loop, a group whose last place was given back by an open that failed before its stream reached
     * the loop.
     *
     * @return {@code false} if the loop is ending (its stop closes the group's sockets with the selector)
     */
    boolean closeGroupLater(PortGroup group) {
        return submit(() -> closeGroup(group));
    }

    /**
     * Reads what already waits in the stream's RTP socket before it closes: a Media Server sends its BYE right after
     * its last packets, and those are queued here when the close comes (the loop takes only a few a round);
     * closing without them would drop the end of the call silently. Bounded, so
     * that a sender that never stops cannot hold the close up. A write that fails here shows in the close's reason.
     * A stream decoded off the loop (Opus) is decoded here from now on ({@link RtpStream#decodeTheRestHere}): its
     * worker may be behind, the stream held for it, and the socket full of the call's last seconds.
     */
    private void takeQueued(RtpStream stream) {
        stream.decodeTheRestHere();
        try {
            PortGroup group = stream.group();
            if (group != null) {
                receiveGroup(group, group.queuedAtMost(), null, seenEmpty.since(group.readyRound()), false);
                return;
            }
            receive(stream, stream.ports().rtp(), QUEUED_AT_CLOSE, false, seenEmpty.since(stream.readyRound()),
                    false, false);
        } catch (IOException e) {
            LOG.log(Level.FINE, "stream " + stream.id() + ": its queued packets cannot be read at close", e);
        }
    }

    /** Adds a closed stream's final counters to the loop's totals; a pipeline that cannot say is left out. */
    private void countClosed(RtpStream stream) {
        try {
            closedTally.add(stream);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the counters of closed stream " + stream.id() + " cannot be read for the metrics", e);
        }
    }

    /**
     * At most twice a second: streams that have gone quiet write out what they hold, and streams silent for the
     * quiet limit are closed.
     */
    private void sweepQuietStreams() {
        long now = System.nanoTime();
        if (now - lastSweepNanos < QUIET_NANOS) {
            return;
        }
        lastSweepNanos = now;
        for (RtpStream stream : streams) {
            if (quietLimitNanos > 0 && stream.quietNanos(now) >= quietLimitNanos) {
                silentStreams.add(stream);
            } else if (!flushIfQuiet(stream, now)) {
                failedStreams.add(stream);
            }
        }
        closeAll(failedStreams, CloseReason.WRITE_FAILED);
        closeAll(silentStreams, CloseReason.NO_MEDIA);
    }

    /** {@code false} if the write failed, or the pipeline broke trying: the stream cannot go on either way. */
    private boolean flushIfQuiet(RtpStream stream, long now) {
        try {
            if (stream.successorsOverdue(now)) {
                if (held.remove(stream)) {
                    readAgain(stream); // the successors that decide the kept packet wait in the socket
                }
                if (!readLate(stream)) {
                    return false;
                }
            }
            return stream.flushIfQuiet(now, QUIET_NANOS);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "writing out quiet stream " + stream.id() + " failed; closing it", e);
            return false;
        }
    }

    /**
     * A packet kept aside after a quiet spell waited for its successors as long as it may, and is about to be taken
     * for the end of a hold: first what waits in the socket is read, marked as read late. On a loop whose round
     * outlasted the wait (two overbooked cores), the successors that prove a backlog are there, unread; judged by
     * their lag rather than their spacing, they keep the stream from being shifted by the delay (series V in
     * docs/performance.md). Bounded as a close's reading is.
     *
     * @return {@code false} if writing failed
     */
    private boolean readLate(RtpStream stream) {
        try {
            PortGroup group = stream.group();
            if (group != null) {
                receiveGroup(group, group.queuedAtMost(), stream, seenEmpty.since(group.readyRound()), false);
                return true; // a failed write of the stream is in its pipeline: the flush that follows says so
            }
            return receive(stream, stream.ports().rtp(), QUEUED_AT_CLOSE, true, seenEmpty.since(stream.readyRound()),
                    false, false);
        } catch (IOException e) {
            LOG.log(Level.FINE, "stream " + stream.id() + ": its queued packets cannot be read", e);
            return true; // the run is taken for a hold, as without the reading
        }
    }

    private void closeAll(List<RtpStream> toClose, CloseReason reason) {
        for (RtpStream stream : toClose) {
            doClose(stream, reason);
        }
        toClose.clear();
    }

    /**
     * Streams' counters summed for the metrics: their statistics, and the loop's holds of them ({@link RtpStream#hold}),
     * which have no place in {@link StreamStatistics}. The loop's thread only.
     */
    private static final class Tally {
        private StreamTotals totals = new StreamTotals();
        private long holds;
        private long holdLimits;

        /** Adds a stream's counters; its statistics last, since a pipeline that cannot say throws there. */
        void add(RtpStream stream) {
            holds += stream.decodeHolds();
            holdLimits += stream.decodeHoldLimits();
            totals.add(stream.totals());
        }

        /** A copy to add more streams to, leaving this one as it is. */
        Tally copy() {
            Tally copy = new Tally();
            copy.totals = totals.copy();
            copy.holds = holds;
            copy.holdLimits = holdLimits;
            return copy;
        }
    }

    /** A stream closed on request, waiting for a reading of its socket's kernel drops that began after {@code drainedAt}. */
    private record Closing(RtpStream stream, CloseReason reason, long drainedAt) {
    }

    /**
     * For tests: runs on the loop's thread after each ready channel is served, before the next (a stand-in for a
     * round that the machine slows down). Null in the server.
     */
    void afterServing(Consumer<RtpStream> hook) {
        afterServed = hook;
    }

    /** Called by the selector for each ready channel. */
    private void drain(SelectionKey key) {
        if (!key.isValid()) {
            return; // its stream was closed earlier in this same round
        }
        if (key.attachment() instanceof PortGroup group) {
            drainGroup(group, (DatagramChannel) key.channel());
            return;
        }
        RtpStream stream = (RtpStream) key.attachment();
        DatagramChannel channel = (DatagramChannel) key.channel();
        try {
            if (stream.isRtcp(channel)) {
                stream.onRtcp(drainRtcp(channel));
            } else {
                drainRtp(stream, channel);
            }
        } catch (IOException | RuntimeException e) {
            // one broken stream must never take the loop and the other streams with it
            LOG.log(Level.WARNING, "receiving stream " + stream.id() + " failed; closing it", e);
            doClose(stream, CloseReason.RECEIVE_FAILED);
        }
        Consumer<RtpStream> hook = afterServed;
        if (hook != null) {
            hook.accept(stream);
        }
    }

    private void drainRtp(RtpStream stream, DatagramChannel channel) throws IOException {
        long emptySince = seenEmpty.since(stream.readyRound());
        boolean again = stream.readyAgain(round);
        backlogged |= again;
        if (!receive(stream, channel, again ? DATAGRAMS_PER_TURN : 1, false, emptySince, round == sleptRound, true)) {
            doClose(stream, CloseReason.WRITE_FAILED);
        }
    }

    /**
     * Leaves the stream's RTP socket unread until its decoding has caught up ({@link RtpStream#decodeBacklogFull}):
     * the worker that decodes it off the loop is as far behind as the stream's decode slots and audio window allow
     * (about a second), after a collector's pause, the JIT's work at start, or a burst of call ends taking the cores.
     * Read now, the packets would be refused, each a recorder failure gap; left in the socket, whose kernel buffer
     * holds many seconds of a stream, they are read once there is room, placed by their timestamps as any packets a
     * busy loop reads late. The other streams of the loop are read as before. Only while what the stream has read is
     * less than {@link #holdLimitNanos} behind its wall clock: a worker that cannot keep up does not have the stream
     * lag further and further behind until its socket overflows.
     *
     * @return {@code false} if it may not be held ({@link RtpStream#hold}): read it, and refuse what finds no room
     */
    private boolean hold(RtpStream stream, DatagramChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (holdLimitNanos == 0 || key == null || !key.isValid()
                || !stream.hold(System.nanoTime(), holdLimitNanos)) {
            return false;
        }
        key.interestOps(0);
        held.add(stream);
        return true;
    }

    /**
     * Before each select: a held stream whose decoding has caught up (or that has been held too long, or whose audio
     * can no longer be written) is read again.
     */
    private void resumeHeld() {
        if (held.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (int i = held.size() - 1; i >= 0; i--) {
            RtpStream stream = held.get(i);
            boolean writable = stream.takeBackDecoded();
            if (!writable || !stream.decodeBacklogFull() || stream.holdOverdue(now, holdLimitNanos)) {
                held.remove(i);
                readAgain(stream);
                if (!writable) {
                    failedStreams.add(stream);
                }
            }
        }
        closeAll(failedStreams, CloseReason.WRITE_FAILED);
    }

    /**
     * A held stream's socket is watched again. It was not looked at while held, so nothing is known of when it was
     * last empty: it counts as ready in the last round ({@link SeenEmpty}), and what is read from it next is taken
     * as possibly read late, as after a stalled loop.
     */
    private void readAgain(RtpStream stream) {
        if (stream.group() != null) {
            return; // a group's socket is never left unread
        }
        SelectionKey key = stream.ports().rtp().keyFor(selector);
        if (key != null && key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
        stream.readyAgain(round);
    }

    /**
     * Passes at most {@code max} datagrams waiting on {@code channel} to the stream; all as read late
     * ({@link RtpStream#readingLate}) if {@code late}, else those read right behind a packet kept aside after a quiet
     * spell.
     *
     * @param emptySince when the socket was last seen empty ({@link SeenEmpty}): what is read arrived after it
     * @param woken      the socket's first datagram woke the loop from its sleep in the selector ({@link #select})
     * @param holdable   the stream may be {@link #hold held} before a datagram that its decoding has no room for
     *                   (while reading what is read late, or at the close, it is read and what finds no room refused)
     * @return {@code false} when writing failed (the stream must close with {@link CloseReason#WRITE_FAILED})
     */
    private boolean receive(RtpStream stream, DatagramChannel channel, int max, boolean late, long emptySince,
                            boolean woken, boolean holdable) throws IOException {
        if (late) {
            stream.readingLate(true);
        }
        try {
            for (int i = 0; i < max; i++) {
                if (holdable && !late && stream.decodeBacklogFull()) {
                    if (!stream.takeBackDecoded()) {
                        return false;
                    }
                    if (stream.decodeBacklogFull() && hold(stream, channel)) {
                        return true;
                    }
                }
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from == null) {
                    return true;
                }
                buffer.flip();
                if (!stream.onRtp(buffer, (InetSocketAddress) from, emptySince, woken && i == 0, scratch)) {
                    return false;
                }
                if (!late && stream.awaitsSuccessors()) {
                    // A packet after a quiet spell waits for the next ones to say whether it ends a hold or was read
                    // late from the queue (QuietReturn). What is queued behind it is read now, as read late: packets
                    // read one right behind the other say nothing by their spacing (a loop more than a packet late
                    // reads a hold's paced packets so too), only by whether they get back on the wall clock. Read a
                    // round later instead, on a loop whose round outlasts the decision's wait (two overbooked cores),
                    // the sweep took a backlog for a hold and shifted the stream by the delay (docs/performance.md,
                    // "Series V").
                    late = true;
                    stream.readingLate(true);
                    max = Math.max(max, i + 1 + StreamPipeline.LATE_SUCCESSORS_WATCHED);
                }
            }
            return true;
        } finally {
            if (late) {
                stream.readingLate(false);
            }
        }
    }

    /**
     * Serves a ready socket of a port group: its RTP socket is read until it is empty, at most
     * {@value #DATAGRAMS_PER_TURN} datagrams for each of its streams (what a stream's own socket gives it a round when
     * it is behind: rule 6 of docs/port-groups.md), each datagram handed to its stream; its RTCP socket's datagrams
     * go to their streams. A socket that fails closes the group's streams; a stream that fails closes alone.
     *
     * <p>Series BE (docs/performance.md): capped at 64 a round, a group of 32 streams got two datagrams a stream a
     * round, and fell behind for good whenever a round took longer than 40 ms; at 2,000 calls on two cores beside the
     * load tool the groups' buffers overflowed where sockets of their own lost nothing.
     */
    private void drainGroup(PortGroup group, DatagramChannel channel) {
        try {
            if (channel != group.ports().rtp()) {
                drainGroupRtcp(group, channel);
                return;
            }
            long emptySince = seenEmpty.since(group.readyRound());
            backlogged |= group.readyAgain(round);
            int max = DATAGRAMS_PER_TURN * Math.max(1, group.demux().size());
            receiveGroup(group, max, null, emptySince, round == sleptRound);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "receiving on " + group + " failed; closing its streams", e);
            for (RtpStream stream : streams) {
                if (stream.group() == group) {
                    groupFailed(stream, CloseReason.RECEIVE_FAILED);
                }
            }
        }
        closeGroupFailures();
    }

    /**
     * Reads at most {@code max} datagrams from a group's RTP socket and hands each to its stream
     * ({@link PortGroup#route}); what belongs to none is counted there. The rules of {@link #receive} hold for each
     * stream: a packet after a quiet spell has the datagrams read behind it, for its stream, read as late.
     *
     * @param lateFor    the stream whose datagrams are all read as late ({@link #readLate}), or {@code null}
     * @param emptySince when the group's socket was last seen empty ({@link SeenEmpty})
     * @param woken      the socket's first datagram woke the loop from its sleep in the selector
     */
    private void receiveGroup(PortGroup group, int max, RtpStream lateFor, long emptySince, boolean woken)
            throws IOException {
        DatagramChannel channel = group.ports().rtp();
        if (lateFor != null) {
            lateFor.readingLate(true);
        }
        try {
            for (int i = 0; i < max; i++) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from == null) {
                    return;
                }
                buffer.flip();
                InetSocketAddress source = (InetSocketAddress) from;
                if (group.rtcpMuxed() && RtcpMux.isRtcp(buffer)) {
                    // RTCP on the RTP port (RFC 5761): to its stream by sender SSRC, never routed as RTP (rule 4)
                    RtpStream owner = group.routeRtcp(source, buffer);
                    if (owner != null) {
                        owner.onRtcp(1);
                    }
                    continue;
                }
                RtpStream stream = group.route(source, buffer);
                if (stream == null) {
                    continue;
                }
                boolean fromLatched = group.demux().lastRoute() == GroupDemux.Route.LATCHED;
                try {
                    if (!stream.onRtp(buffer, source, emptySince, woken && i == 0, scratch)) {
                        groupFailed(stream, CloseReason.WRITE_FAILED);
                        continue;
                    }
                    if (!fromLatched) {
                        group.followLatch(stream);
                    }
                } catch (RuntimeException e) {
                    // one broken stream must never take its group and the loop with it
                    LOG.log(Level.WARNING, "receiving stream " + stream.id() + " failed; closing it", e);
                    groupFailed(stream, CloseReason.RECEIVE_FAILED);
                    continue;
                }
                if (stream != lateFor && stream.awaitsSuccessors() && !lateInGroup.contains(stream)) {
                    // as in receive(): its successors, among the group's datagrams behind it, are read as late
                    stream.readingLate(true);
                    lateInGroup.add(stream);
                    max = Math.min(group.queuedAtMost(), Math.max(max,
                            i + 1 + StreamPipeline.LATE_SUCCESSORS_WATCHED * Math.max(1, group.demux().size())));
                }
            }
        } finally {
            for (RtpStream late : lateInGroup) {
                late.readingLate(false);
            }
            lateInGroup.clear();
            if (lateFor != null) {
                lateFor.readingLate(false);
            }
        }
    }

    private void groupFailed(RtpStream stream, CloseReason reason) {
        for (GroupFailure failure : groupFailures) {
            if (failure.stream() == stream) {
                return;
            }
        }
        groupFailures.add(new GroupFailure(stream, reason));
    }

    /** A stream of a group that failed while the group's socket was read, and why. */
    private record GroupFailure(RtpStream stream, CloseReason reason) {
    }

    /** Closes the group streams that failed while their socket was read ({@link #groupFailures}). */
    private void closeGroupFailures() {
        while (!groupFailures.isEmpty()) {
            GroupFailure failure = groupFailures.remove(groupFailures.size() - 1);
            if (streams.contains(failure.stream())) {
                doClose(failure.stream(), failure.reason());
            }
        }
    }

    /**
     * Reads at most {@value #DATAGRAMS_PER_TURN} datagrams from a group's RTCP socket, each counted on its stream
     * ({@link PortGroup#routeRtcp}) or, if none takes it, on the group.
     */
    private void drainGroupRtcp(PortGroup group, DatagramChannel channel) throws IOException {
        for (int read = 0; read < DATAGRAMS_PER_TURN; read++) {
            buffer.clear();
            SocketAddress from = channel.receive(buffer);
            if (from == null) {
                return;
            }
            buffer.flip();
            RtpStream owner = group.routeRtcp((InetSocketAddress) from, buffer);
            if (owner != null) {
                owner.onRtcp(1);
            }
        }
    }

    /** Reads at most {@value #DATAGRAMS_PER_TURN} datagrams from an RTCP socket (counted, not parsed): how many. */
    private int drainRtcp(DatagramChannel channel) throws IOException {
        int read = 0;
        while (read < DATAGRAMS_PER_TURN) {
            buffer.clear();
            if (channel.receive(buffer) == null) {
                break;
            }
            read++;
        }
        return read;
    }

    /**
     * A closed channel keeps its socket until the selector drops its key, which happens at the next select; only
     * then may its ports be bound again. So: select once more (serving whatever is ready), then release.
     */
    private void releaseClosedPorts(boolean selectorOpen) throws IOException {
        if (closedAwaitingRelease.isEmpty() && groupsAwaitingRelease.isEmpty()) {
            return;
        }
        List<RtpStream> batch = closedAwaitingRelease;
        closedAwaitingRelease = releasing;
        releasing = batch;
        List<PortGroup> groupBatch = groupsAwaitingRelease;
        groupsAwaitingRelease = groupsReleasing;
        groupsReleasing = groupBatch;
        if (selectorOpen) {
            selector.selectNow(onReady);
        }
        for (RtpStream stream : batch) {
            stream.portsReleased();
        }
        batch.clear();
        for (PortGroup group : groupBatch) {
            group.portReleased();
        }
        groupBatch.clear();
    }

    private void shutdown() {
        synchronized (admission) {
            admitting = false;
        }
        runCommands();
        endCloses(true);
        for (RtpStream stream : new ArrayList<>(streams)) {
            doClose(stream, CloseReason.ADAPTER_STOPPED);
        }
        for (PortGroup group : new ArrayList<>(groups)) {
            closeGroup(group); // places still taken by opens that never reached the loop
        }
        try {
            selector.close(); // drops every key: the sockets are closed for good now
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the selector of " + name + " failed", e);
        }
        try {
            releaseClosedPorts(false);
        } catch (IOException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
