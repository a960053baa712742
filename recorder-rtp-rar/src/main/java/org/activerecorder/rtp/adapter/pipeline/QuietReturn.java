package org.activerecorder.rtp.adapter.pipeline;

import java.nio.ByteBuffer;

/**
 * The first audio packet after a quiet spell whose timestamp lags the wall clock ({@link TimestampJumpRule}, rule 1),
 * kept aside until the packet after it says what it is.
 *
 * <p>Two things look the same at that packet: a sender whose timestamp clock stood still during a hold (re-anchor:
 * the hold becomes silence of its real length), and packets that were sent on time but read late, all at once: a
 * receive loop that fell half a second behind (a machine whose cores are all busy), or a sender that caught up on its
 * own stall with a burst. Re-anchoring those shifts the stream by the delay for the rest of the call, and at 1,000
 * calls on a saturated machine that shifted a third of the streams by 200-850 ms (docs/alignment.md). The packet
 * after it tells them apart: from a queue it comes right behind ({@value #BURST_MILLIS} ms or less), or at least
 * closing the lag by {@value #CATCH_UP_MILLIS} ms; after a real hold it comes paced, 20 ms later, as far behind the
 * wall clock as the first. Only the packet right after (same synchronisation source, next sequence number) counts.
 * A packet no other follows within {@value #DECIDE_MILLIS} ms, or at the stream's end, was a hold.
 *
 * <p>Known limit: a sender that resumes after a frozen-clock hold with two packets within {@value #BURST_MILLIS} ms
 * (network jitter) is taken as catching up, and the hold's silence is lost.
 */
final class QuietReturn {

    /** Two packets of one stream read within this are from a queue, not paced by a sender. */
    static final int BURST_MILLIS = 5;
    /** A next packet closer to the wall clock than the first by this much is catching up. */
    static final int CATCH_UP_MILLIS = 10;
    /** Undecided this long, the packet is taken as the end of a hold. */
    static final int DECIDE_MILLIS = 100;

    private static final long MILLI = 1_000_000L;

    private final PacketCopy copy = new PacketCopy();
    private final long catchUpSamples;
    private boolean held;
    private long ssrc;
    private int sequenceNumber;
    private long streamSequence;
    private long lagSamples;

    QuietReturn(int clockRate) {
        this.catchUpSamples = (long) CATCH_UP_MILLIS * clockRate / 1_000;
    }

    /** Keeps the packet aside: it lags the wall clock by {@code lagSamples}. */
    void hold(ByteBuffer datagram, long arrivalNanos, long ssrc, int sequenceNumber, long streamSequence,
              long lagSamples) {
        copy.store(datagram, arrivalNanos);
        this.held = true;
        this.ssrc = ssrc;
        this.sequenceNumber = sequenceNumber;
        this.streamSequence = streamSequence;
        this.lagSamples = lagSamples;
    }

    boolean held() {
        return held;
    }

    /**
     * Whether the packet after the one held shows that it was read from a queue: it is its successor, and it came
     * right behind it or closer to the wall clock.
     */
    boolean caughtUpBy(long ssrc, int sequenceNumber, long arrivalNanos, long lagSamples) {
        boolean successor = ssrc == this.ssrc && sequenceNumber == ((this.sequenceNumber + 1) & 0xFFFF);
        return successor && (arrivalNanos - copy.arrivalNanos() <= BURST_MILLIS * MILLI
                || lagSamples <= this.lagSamples - catchUpSamples);
    }

    /** Whether no packet came to decide for so long that the one held ended a hold. */
    boolean overdue(long nowNanos) {
        return held && nowNanos - copy.arrivalNanos() >= DECIDE_MILLIS * MILLI;
    }

    /** The packet held (its bytes, between position 0 and its length); then {@link #release()}. */
    ByteBuffer datagram() {
        return copy.datagram();
    }

    long arrivalNanos() {
        return copy.arrivalNanos();
    }

    long streamSequence() {
        return streamSequence;
    }

    void release() {
        held = false;
    }
}
