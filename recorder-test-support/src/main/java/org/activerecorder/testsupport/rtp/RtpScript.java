package org.activerecorder.testsupport.rtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a Media Server sends on one stream, step by step, in real time: audio, and the discontinuities a real
 * stream has (silence suppression with or without comfort noise, a hold that stops the RTP clock, loss, a
 * sequence restart, a new synchronisation source, a move to another source port, RFC 4733 DTMF). Build one with
 * the methods below and give it to {@link RtpSender#play}.
 *
 * <p>Rules every step keeps, as RFC 3550/3551/4733 senders do: audio goes in 20 ms packets of 160 samples; the
 * sequence number grows by one per packet sent (and per packet lost); the timestamp is the RTP clock (8 kHz), which
 * runs in real time except during a {@link #hold}; the first audio packet after a gap carries the marker bit.
 */
public final class RtpScript {

    /** One step of a script. */
    sealed interface Step {
    }

    /** G.711 bytes to send as 20 ms packets (a last partial packet is dropped). */
    record Audio(byte[] payload) implements Step {
    }

    /** Payloads of variable length (Opus), one 20 ms packet each. */
    record Packets(List<byte[]> payloads) implements Step {
    }

    /** Nothing sent; the RTP clock runs (silence suppression without comfort noise, a sender gone quiet). */
    record Silence(Duration length) implements Step {
    }

    /** Silence with an RFC 3389 comfort-noise packet (payload type 13) at its start and then every {@code every}. */
    record ComfortNoise(Duration length, Duration every) implements Step {
    }

    /**
     * Nothing sent and the RTP clock stopped: afterwards the timestamps go on from where they stopped. The hold lasts
     * {@code length} from when the sender can go on: after a cue that took longer than planned (a re-INVITE answered
     * late), it starts when the cue returned, as a Media Server resumes a set time after the answer.
     */
    record Hold(Duration length) implements Step {
    }

    /** Packets "sent" but never arriving: sequence numbers and timestamps advance, nothing goes out. */
    record Loss(Duration length) implements Step {
    }

    /** A new random sequence number base under the same SSRC (a sender's RTP stack restarted, RFC 3550 A.1). */
    record SequenceRestart() implements Step {
    }

    /** A new SSRC, with new random sequence number and timestamp bases. */
    record SsrcChange() implements Step {
    }

    /** From now on packets leave from the sender's second socket: the same host, another source port. */
    record SourceMove() implements Step {
    }

    /** An RFC 4733 telephone event: no audio meanwhile, event packets every 20 ms, the end packet three times. */
    record Dtmf(char digit, Duration length) implements Step {
    }

    /** Notes the instant the script reaches this point (see {@link Played#at}). */
    record Mark(String name) implements Step {
    }

    /** Something the Media Server does at this point besides sending RTP (a re-INVITE, say). */
    @FunctionalInterface
    public interface Cue {
        void run() throws Exception;
    }

    /**
     * Runs a cue at this point of the stream; the RTP clock does not wait for it. When it began and returned is kept
     * under {@code mark} ({@link Played#cueMillis}).
     */
    record Action(String mark, Cue cue) implements Step {
    }

    private final List<Step> steps = new ArrayList<>();

    public static RtpScript create() {
        return new RtpScript();
    }

    public RtpScript audio(byte[] payload) {
        return add(new Audio(payload.clone()));
    }

    /** Sends each payload as one 20 ms packet: a codec whose packets vary in length (Opus). */
    public RtpScript packets(List<byte[]> payloads) {
        return add(new Packets(payloads.stream().map(byte[]::clone).toList()));
    }

    public RtpScript silence(Duration length) {
        return add(new Silence(positive(length)));
    }

    public RtpScript comfortNoise(Duration length, Duration every) {
        return add(new ComfortNoise(positive(length), positive(every)));
    }

    public RtpScript hold(Duration length) {
        return add(new Hold(positive(length)));
    }

    public RtpScript loss(Duration length) {
        return add(new Loss(positive(length)));
    }

    public RtpScript restartSequence() {
        return add(new SequenceRestart());
    }

    public RtpScript changeSsrc() {
        return add(new SsrcChange());
    }

    public RtpScript moveSource() {
        return add(new SourceMove());
    }

    /** @param digit 0-9, *, #, A-D */
    public RtpScript dtmf(char digit, Duration length) {
        DtmfCodes.event(digit);
        return add(new Dtmf(digit, positive(length)));
    }

    public RtpScript mark(String name) {
        return add(new Mark(Objects.requireNonNull(name, "name")));
    }

    /**
     * Marks this point and runs {@code cue} there (a re-INVITE that holds or resumes, say). The packets after it
     * keep their real-time schedule: a cue that takes a while delays nothing but the packets due meanwhile (and a
     * {@link #hold} right after it, which counts from the cue's return).
     */
    public RtpScript cue(String mark, Cue cue) {
        mark(mark);
        return add(new Action(mark, Objects.requireNonNull(cue, "cue")));
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    private RtpScript add(Step step) {
        steps.add(step);
        return this;
    }

    private static Duration positive(Duration length) {
        if (length.isNegative() || length.isZero() || length.toMillis() % 20 != 0) {
            throw new IllegalArgumentException("a whole number of 20 ms packets, not " + length);
        }
        return length;
    }

    /** RFC 4733 §3.2 event codes of the DTMF keys. */
    static final class DtmfCodes {
        private static final String KEYS = "0123456789*#ABCD";

        private DtmfCodes() {
        }

        static int event(char digit) {
            int event = KEYS.indexOf(Character.toUpperCase(digit));
            if (event < 0) {
                throw new IllegalArgumentException("not a DTMF key: " + digit);
            }
            return event;
        }
    }
}
