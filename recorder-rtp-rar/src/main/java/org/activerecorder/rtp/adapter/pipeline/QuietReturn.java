package org.activerecorder.rtp.adapter.pipeline;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The first audio packet after a quiet spell whose timestamp lags the wall clock ({@link TimestampJumpRule}, rule 1),
 * kept aside with the few packets right after it until they say what it is.
 *
 * <p>Two things look the same at that packet: a sender whose timestamp clock stood still during a hold (re-anchor:
 * the hold becomes silence of its real length), and packets that were sent on time but read late: a receive loop that
 * fell half a second behind (a machine whose cores are all busy), or a sender that caught up on its own stall.
 * Re-anchoring those shifts the stream by the delay for the rest of the call, and at 1,000 calls on a saturated
 * machine that shifted a third of the streams by 200-850 ms (docs/alignment.md). The packets after it tell them
 * apart: read from a queue, the next one comes right behind ({@value #BURST_MILLIS} ms or less), or the packets that
 * follow close the lag, by {@value #CATCH_UP_MILLIS} ms or more, because they are read faster than they were paced;
 * after a real hold they come paced, 20 ms apart, each as far behind the wall clock as the first.
 *
 * <p>Up to {@value #WATCHED} packets in a row (the first and its successors: same synchronisation source, next
 * sequence numbers) are watched, not only the first successor: a loop serving a thousand backlogged sockets reads a
 * stream's next packet a whole turn later, 10-20 ms on a saturated machine, so one successor closes the lag by less
 * than a jitter's worth while three do by a clear margin (the first 1,000-call run after a start, at load average
 * 9, had 2 of 2,000 streams re-anchored by 0.64 s against their other party when only the first successor counted).
 * A packet that is no successor, {@value #WATCHED} packets that never caught up, no packet for
 * {@value #DECIDE_MILLIS} ms after the first successor, or the stream's end: a hold (but see below for packets read
 * from a queue, where a later packet of the source past a loss may say backlog), if the successors came paced: ones
 * that came at less than half the pace of their audio are a starved sender's, not a hold's end
 * ({@link #slowerThanPaced}), and are placed by their timestamps. A first packet that nothing followed for
 * {@value #LONE_DECIDE_MILLIS} ms, or until the stream's end, proves no hold: a sender resumes after one with paced
 * packets, and a starved sender's last packet comes alone ({@code StreamPipeline.takeUndecidedQuietReturn}).
 *
 * <p>Both tests read the packets' spacing at the receiver, which a receive loop that is itself late blurs: packets that
 * waited in the socket are read right behind each other whether a sender paced them or not (a hold's too, on a loop
 * more than a packet late), and a round slowed past {@value #DECIDE_MILLIS} ms on two overbooked cores (series V in
 * docs/performance.md) leaves them unread when the wait runs out. So what the receiver reads from the socket's queue
 * right behind the first packet, and again before the run is taken for a hold on time, is marked as read late
 * ({@link #readingLate}) and judged by the one thing spacing cannot fake: whether it is back on the wall clock,
 * {@value TimestampJumpRule#LAG_MILLIS} ms behind it or less (the jitter the jump rule allows). A backlog's newest
 * packets are once its queue is read; after a hold with a frozen clock every packet lags by the hold, but so does every
 * packet of a sender that is itself still late after a stall (two overbooked cores starve the sender too): series AC in
 * docs/performance.md had every silence inserted come from such runs. A first packet read long after the loop last saw
 * its socket empty (the loop busy, not asleep waiting for it) may have waited there as long: its read time says no more
 * than a queue's, and it is judged as read from the queue too (series AC's N7 had the last two streams with silence
 * inserted come from a lone packet read half a second after the look). So a run read from the queue that is neither
 * back on the wall clock nor a proven burst (below) proves nothing ({@link #readFromQueue}): the pipeline places it by
 * its timestamps and leaves a hold to be proven by a second of steady lag ({@link LagWatch}). Up to
 * {@value #LATE_WATCHED} packets (five seconds of 20 ms packets) are kept for that; a run that fills them is judged by
 * its catching up. Packets that come after such a read are judged the same way, until the wait runs out: the lag of
 * each packet read from a queue holds its own wait in the socket, so a paced packet after them looks closer to the wall
 * clock by up to a packet's length even after a hold.
 *
 * <p>Whatever the spacing, a successor that is {@value LagWatch#FALL_MILLIS} ms less behind the wall clock as read
 * than the first packet provably was, from the last look that found the socket empty, proves a burst: more audio
 * came since that look than the time could hold, which a hold's paced packets never do.
 *
 * <p>All of that is for a quiet spell the receive loop saw: it looked at the socket during it and found it empty (the
 * pipeline is told when the socket was last seen empty). A quiet spell only in the read times is never kept aside
 * here: {@link LagWatch}.
 *
 * <p>Known limit: a sender that resumes after a frozen-clock hold whose first packet came {@value #CATCH_UP_MILLIS} ms
 * or more later than one of the next few (network jitter) is taken as catching up, and the hold's silence is lost.
 * A hold signalled by the SIP session is never guessed (the pipeline re-anchors at once).
 */
final class QuietReturn {

    /** Two packets of one stream read within this are from a queue, not paced by a sender. */
    static final int BURST_MILLIS = 5;
    /** Packets closer to the wall clock than the first by this much are catching up. */
    static final int CATCH_UP_MILLIS = 10;
    /** Undecided this long after the first, the packets are taken as the end of a hold. */
    static final int DECIDE_MILLIS = 100;
    /**
     * A first packet with no successor this long after it is no hold's end (a quiet spell's length: a successor later
     * than that comes after a quiet spell of its own).
     */
    static final int LONE_DECIDE_MILLIS = TimestampJumpRule.QUIET_MILLIS;
    /** The most packets watched: the first after the quiet spell and its successors. */
    static final int WATCHED = 4;
    /** The most packets kept while they are read from the socket's queue ({@link #readingLate}). */
    static final int LATE_WATCHED = 256;

    private static final long MILLI = 1_000_000L;
    /** The longest packet a run's pace is read by (longer steps are a jump, not a packet length). */
    private static final int MAX_STEP_MILLIS = 200;

    private PacketCopy[] copies = new PacketCopy[WATCHED];
    private final long catchUpSamples;
    private final long onClockSamples;
    private final long fallSamples;
    private final int clockRate;
    /** How far behind the wall clock the first packet provably was ({@link Long#MIN_VALUE}: not known). */
    private long provenLag;
    private int count;
    private boolean late;
    /** Whether packets of this run were read as read late: their spacing says nothing, nor the next one's after them. */
    private boolean readLate;
    private long ssrc;
    private int sequenceNumber;
    private long streamSequence;
    private long lagSamples;

    QuietReturn(int clockRate) {
        this.catchUpSamples = (long) CATCH_UP_MILLIS * clockRate / 1_000;
        this.onClockSamples = (long) TimestampJumpRule.LAG_MILLIS * clockRate / 1_000;
        this.fallSamples = (long) LagWatch.FALL_MILLIS * clockRate / 1_000;
        this.clockRate = clockRate;
    }

    /**
     * Keeps the first packet aside: it lags the wall clock by {@code lagSamples} as read, and by
     * {@code provenLagSamples} at least, from the last look that found its socket empty ({@link Long#MIN_VALUE}: not
     * known). {@code mayHaveWaited}: that look was so long before the read that the packet may have waited in the
     * socket as long, so it is judged as one read from the queue ({@link #readFromQueue}).
     */
    void hold(ByteBuffer datagram, long arrivalNanos, long ssrc, int sequenceNumber, long streamSequence,
              long lagSamples, long provenLagSamples, boolean mayHaveWaited) {
        this.provenLag = provenLagSamples;
        count = 0;
        keep(datagram, arrivalNanos);
        this.streamSequence = streamSequence;
        this.ssrc = ssrc;
        this.sequenceNumber = sequenceNumber;
        this.lagSamples = lagSamples;
        this.readLate = mayHaveWaited;
    }

    boolean held() {
        return count > 0;
    }

    /** Whether the first packet is kept aside alone: no successor has come yet. */
    boolean alone() {
        return count == 1;
    }

    /** How many packets are kept aside (the first and the successors watched so far). */
    int count() {
        return count;
    }

    /** Whether this packet is the next one of the run kept aside: same source, the next sequence number. */
    boolean follows(long ssrc, int sequenceNumber) {
        return ssrc == this.ssrc && sequenceNumber == ((this.sequenceNumber + count) & 0xFFFF);
    }

    /**
     * Whether the successor {@link #follows} tells that the run was read from a queue: it came right behind the
     * previous one, or the run has closed the first packet's lag by {@value #CATCH_UP_MILLIS} ms; or, once packets
     * were read from the socket's queue ({@link #readingLate}), it is back on the wall clock.
     */
    boolean caughtUpBy(long arrivalNanos, long lagSamples) {
        if (burst(lagSamples)) {
            return true;
        }
        if (readFromQueue()) {
            // read from the queue right behind the others, or after such packets: the spacing is the loop's, not
            // the sender's, and each lag holds the packet's own wait in the socket (see the class comment)
            return lagSamples <= onClockSamples || !canWatchMore() && lagSamples <= this.lagSamples - catchUpSamples;
        }
        return arrivalNanos - copies[count - 1].arrivalNanos() <= BURST_MILLIS * MILLI
                || lagSamples <= this.lagSamples - catchUpSamples;
    }

    /**
     * Whether a packet of the run's source that is not its next (packets between them lost: a socket that overflowed
     * while the loop was late drops the middle of its queue) says the run was a backlog: when it came with more audio
     * than the time since the last look could bring (as a successor does in {@link #caughtUpBy}), or, judged by the
     * wall clock ({@link #readingLate}), if it is back on it. Otherwise such a packet ends a hold.
     */
    boolean backOnClockPastALoss(long ssrc, int sequenceNumber, long lagSamples) {
        int ahead = (sequenceNumber - this.sequenceNumber - count) & 0xFFFF;
        return ssrc == this.ssrc && ahead > 0 && ahead < 0x8000
                && (burst(lagSamples) || readFromQueue() && lagSamples <= onClockSamples);
    }

    /**
     * Whether a packet {@code lagSamples} behind the wall clock as read came with more audio than the time since the
     * look that found the socket empty could hold: a burst, a sender or a queue catching up, never a hold's paced
     * packets (series AB in docs/performance.md).
     */
    private boolean burst(long lagSamples) {
        return LagWatch.lagFell(provenLag, lagSamples, fallSamples);
    }

    /** Whether one more successor may wait with the others for the decision. */
    boolean canWatchMore() {
        return count < (readFromQueue() ? LATE_WATCHED : WATCHED);
    }

    /** How far behind the wall clock the first packet provably was ({@link Long#MIN_VALUE}: not known). */
    long provenLag() {
        return provenLag;
    }

    /**
     * Whether packets of this run are read from the socket's queue now, or were ({@link #readingLate}): their spacing
     * says nothing, only the wall clock does; and a run that is neither back on it nor a proven burst is no proof of a
     * hold, only of a late sender or loop.
     */
    boolean readFromQueue() {
        return late || readLate;
    }

    /**
     * Whether the packets passed from now on are read from the socket's queue: right behind the first packet, or
     * before the run is taken for a hold on time ({@link #overdue}). They, and the packets after them until the run is
     * decided, are judged by the wall clock alone, and kept up to {@value #LATE_WATCHED}.
     */
    void readingLate(boolean late) {
        this.late = late;
    }

    /**
     * Keeps a successor aside with the first, before anything else is done with it (the caller has checked
     * {@link #follows} and {@link #canWatchMore}): once the run is decided it is taken as any packet is.
     */
    void watch(ByteBuffer datagram, long arrivalNanos) {
        keep(datagram, arrivalNanos);
        readLate |= late;
    }

    /**
     * Whether no packet came to decide for so long that the run is taken as it is: its first packet alone after
     * {@value #LONE_DECIDE_MILLIS} ms (placed by its timestamp: see {@code StreamPipeline.takeUndecidedQuietReturn}),
     * a run with successors {@value #DECIDE_MILLIS} ms after the first of them came (the end of a hold, unless they
     * came {@link #slowerThanPaced slower than paced}). Counted from the first successor, not the first packet: a
     * successor that came long after the first (a quiet spell's length) would otherwise be decided on at once, with
     * nothing to say how the packets after it are paced. A run {@link #readFromQueue read from the queue} is judged by
     * the wall clock, not by pace (its spacing is the loop's): its wait counts from the first packet.
     */
    boolean overdue(long nowNanos) {
        if (!held()) {
            return false;
        }
        if (alone()) {
            return nowNanos - copies[0].arrivalNanos() >= LONE_DECIDE_MILLIS * MILLI;
        }
        return nowNanos - copies[readFromQueue() ? 0 : 1].arrivalNanos() >= DECIDE_MILLIS * MILLI;
    }

    /**
     * Whether the successors came at less than half the pace of the audio they carry, judged when the packet of
     * synchronisation source {@code ssrc} and RTP timestamp {@code timestamp} came, at {@code nowNanos}: from the
     * first successor's read to then, more than twice the audio from its timestamp to that one's. A packet of another
     * source, or older than the run, says nothing of its pace.
     *
     * <p>A hold ends in paced packets, every one of them as far behind the wall clock as the first; a sender starved
     * of its core (two overbooked cores, the load tool beside the server) comes back from its stall with a packet now
     * and then, each later than the last. Series BO's BO7 in docs/performance.md had 56 channels of 3,000 calls
     * re-anchored by 0.55-0.78 s (3.9 s in a few) after such stalls, each decided on its first packet and one
     * successor. Such a run proves no hold: the pipeline places it by its timestamps and leaves a hold to be proven by
     * a second of steady lag ({@link LagWatch}), as for a run read from the queue.
     */
    boolean slowerThanPaced(long nowNanos, long ssrc, long timestamp) {
        return ssrc == this.ssrc && count >= 2 && slower(nowNanos, timestamp);
    }

    /**
     * {@link #slowerThanPaced(long, long, long)} when no packet came since the last successor, at {@code nowNanos}:
     * the audio counted to the end of the last successor's (the run's packet length past its start).
     */
    boolean slowerThanPaced(long nowNanos) {
        return count >= 2 && slower(nowNanos, timestamp(count - 1) + step());
    }

    private boolean slower(long nowNanos, long until) {
        long step = step();
        if (step == 0 || step > (long) MAX_STEP_MILLIS * clockRate / 1_000) {
            return false; // no packet length to pace by
        }
        long audio = (until - timestamp(1)) & 0xFFFF_FFFFL;
        if (audio == 0 || audio > 0x7FFF_FFFFL) {
            return false; // a copy of the first successor, or older than the run: no pace to read
        }
        long elapsedSamples = (nowNanos - copies[1].arrivalNanos()) * clockRate / 1_000_000_000L;
        return elapsedSamples > 2 * audio;
    }

    /** The run's packet length: its first successor's timestamp less its first packet's. */
    private long step() {
        return (timestamp(1) - timestamp(0)) & 0xFFFF_FFFFL;
    }

    /** The RTP timestamp of packet {@code index} of the run. */
    private long timestamp(int index) {
        return copies[index].rtpTimestamp();
    }

    /** Packet {@code index} of the run (0 is the first; its bytes between position 0 and its length). */
    ByteBuffer datagram(int index) {
        return copies[index].datagram();
    }

    long arrivalNanos(int index) {
        return copies[index].arrivalNanos();
    }

    /** The first packet's position in the stream's numbering. */
    long streamSequence() {
        return streamSequence;
    }

    /** Forgets the run: the caller takes its packets ({@link #datagram}) before anything is kept aside again. */
    void release() {
        count = 0;
    }

    /**
     * Gives back what a read from the queue grew beyond {@value #WATCHED} packets, once the run is taken: kept, 256
     * copies are over 90 KiB per stream for the rest of the call (issue 14's budget is 64 KiB per two-party
     * recording), and on an overbooked server every stream may read such a queue once. Reallocated by the next such
     * read, which only an overbooked loop makes.
     */
    void trim() {
        if (count == 0 && copies.length > WATCHED) {
            copies = Arrays.copyOf(copies, WATCHED);
        }
    }

    private void keep(ByteBuffer datagram, long arrivalNanos) {
        if (count == copies.length) {
            copies = Arrays.copyOf(copies, Math.min(copies.length * 4, LATE_WATCHED)); // a late read only
        }
        if (copies[count] == null) {
            copies[count] = new PacketCopy(); // once per slot, for the few streams that ever come back from quiet
        }
        copies[count].store(datagram, arrivalNanos);
        count++;
    }
}
