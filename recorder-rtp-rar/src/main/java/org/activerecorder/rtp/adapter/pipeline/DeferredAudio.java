package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.decode.DecodeSlots;
import org.activerecorder.rtp.api.GapCause;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The audio of a stream whose codec is decoded off the receive loop (Opus), between its placing and the window: the
 * loop {@link #place places} a packet by reserving its span of the {@link AudioWindow} and handing the payload to the
 * decode worker ({@link DecodeSlots}); when the loop comes back to the stream it {@link #takeBack takes back} the
 * decoded audio, oldest first, and puts it in its span, long before the window writes that span out (half a second
 * later, silencing what a pause covers). While a decode is under way the window keeps its span and what follows
 * for as long as its ring allows (about a second, twice its usual hold), so a worker that falls behind by up to that
 * much is still in time.
 *
 * <p>Before a slot or the window runs out, the receive loop stops reading the stream and leaves its packets in the
 * socket until the worker has caught up ({@link #backlogFull}; {@code ReceiveLoop.hold}, at most 4 s): a stalled worker
 * then costs a delay, not audio. A decode that fails, finds no slot, or comes back after its span was written out is
 * silence there, counted, and
 * a {@link GapCause#RECORDER_FAILURE} gap over exactly its span; {@link #settleLimit} keeps the gaps from being settled
 * past the oldest decode still under way, so that such a span is still open to be told apart. Nothing moves: every
 * packet has its position before it is decoded. On the loop thread only; allocates nothing.
 */
final class DeferredAudio {

    /** Told of audio put in place (the stream's tap), once per packet, only if a pause did not silence all of it. */
    @FunctionalInterface
    interface Hearing {
        void hear(long position, short[] samples, int count);
    }

    private final DecodeSlots slots;
    private final AudioWindow window;
    private final PauseSpans pauses;
    private final GapTimeline gaps;
    private final Hearing hearing;
    /** Packets refused when placed: no free slot (the worker that far behind), its queue full, or too long. */
    private long refused;
    /** Packets whose decoding threw, or that the stream's end could not wait for. */
    private long failed;
    /** Packets decoded after their span had been written out. */
    private long late;
    /** Since the stream's close began: its packets are decoded on the loop ({@link #decodeHereFromNow}). */
    private boolean decodingHere;

    DeferredAudio(DecodeSlots slots, AudioWindow window, PauseSpans pauses, GapTimeline gaps, Hearing hearing) {
        this.slots = slots;
        this.window = window;
        this.pauses = pauses;
        this.gaps = gaps;
        this.hearing = hearing;
    }

    /**
     * Places the payload at {@code [offset, offset + length)} of {@code datagram}, {@code samples} long, at
     * {@code position}: its span is reserved and the payload queued for decoding, or, if it cannot be, a failure.
     *
     * @throws IOException when the window's write fails
     */
    void place(ByteBuffer datagram, int offset, int length, long position, int samples) throws IOException {
        if (decodingHere) {
            placeDecodedHere(datagram, offset, length, position, samples);
            return;
        }
        window.reserve(position, samples, keepFrom());
        if (!slots.submit(datagram, offset, length, position, samples)) {
            refused++;
            gaps.failed(position, samples);
        }
    }

    /**
     * Puts the audio the worker has finished into its place, oldest first.
     *
     * @throws IOException when the window's write fails (the window is then unusable)
     */
    void takeBack() throws IOException {
        while (slots.ready()) {
            long position = slots.position();
            int count = slots.count();
            try {
                if (!slots.decoded()) {
                    failed++;
                    gaps.failed(position, count);
                } else if (window.check(position) == AudioWindow.Placement.LATE) {
                    late++;
                    gaps.failed(position, count);
                } else {
                    putDecoded(position, slots.samples(), count);
                }
            } finally {
                slots.release();
            }
        }
    }

    /**
     * At the stream's close, before the packets that wait in its socket are read: the decodes under way are finished
     * here ({@link DecodeSlots#drain}) and taken back, and, if the decoder is free, the packets read from now on are
     * decoded on the loop as they are placed, not queued on the worker. A worker that was behind (the stream held for
     * it) then does not have the last of the call refused for want of room; the loop spends the decoding time once, at
     * the close, for those packets only.
     *
     * @throws IOException when the window's write fails
     */
    void decodeHereFromNow(long deadlineNanos) throws IOException {
        if (decodingHere) {
            return;
        }
        boolean decoderFree = slots.drain(deadlineNanos);
        takeBack();
        decodingHere = decoderFree;
    }

    private void placeDecodedHere(ByteBuffer datagram, int offset, int length, long position, int count)
            throws IOException {
        short[] samples = slots.decodeHere(datagram, offset, length, count);
        if (samples == null) {
            window.reserve(position, count);
            failed++;
            gaps.failed(position, count);
            return;
        }
        putDecoded(position, samples, count);
    }

    /** Puts decoded audio in its place; the tap hears what a pause did not silence. */
    private void putDecoded(long position, short[] samples, int count) throws IOException {
        window.put(position, samples, count);
        if (pauses.silence(samples, position, count) < count) {
            hearing.hear(position, samples, count);
        }
    }

    /**
     * At the stream's end: finishes what is still queued (see {@link DecodeSlots#drain}) and takes it back.
     *
     * @throws IOException when the window's write fails
     */
    void finish(long deadlineNanos) throws IOException {
        slots.drain(deadlineNanos);
        takeBack();
    }

    /**
     * Whether the next packet could not be decoded in time: every decode slot is taken, or the oldest span still being
     * decoded is so far behind the newest audio that a packet more would have the window write it out before its
     * audio is back (late). The receive loop then leaves the stream's packets in its socket until this is no longer
     * so: the kernel's receive buffer holds many seconds of a stream, the slots and the window about one.
     */
    boolean backlogFull() {
        return slots.full() || slots.pending()
                && window.end() - slots.oldestPosition() > window.capacity() - slots.maxSamples();
    }

    /** Where the window must keep its audio from: the oldest span still being decoded ({@link Long#MAX_VALUE}: none). */
    long keepFrom() {
        return slots.oldestPosition();
    }

    /** How far the gaps may be settled, the file holding everything before {@code flushed}. */
    long settleLimit(long flushed) {
        return Math.min(flushed, slots.oldestPosition());
    }

    /** Packets whose audio is silence because their decoding failed, found no room, or came too late. */
    long failures() {
        return refused + failed + late;
    }

    /**
     * The failures by cause, for the stream's closing line: {@code refused} (no room: the decode worker was
     * {@value DecodeSlots#SLOTS} packets behind on this stream, or its queue was full), {@code failed} (the decoder
     * threw, or the stream's end could not wait for it) and {@code late} (decoded after the window had written its
     * span out).
     */
    String describe() {
        return "undecoded=" + failures() + " (refused=" + refused + " failed=" + failed + " late=" + late + ")";
    }
}
