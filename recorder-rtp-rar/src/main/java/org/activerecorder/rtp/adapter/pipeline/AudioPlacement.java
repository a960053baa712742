package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.decode.DecodeWorker;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.AudioTap;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The last stage of a stream's media path: a packet whose place in the file is decided has its audio put there. It is
 * decoded into the {@link AudioWindow} on the loop, or, for a codec decoded off the loop, its span reserved and the
 * payload handed to the decode worker ({@link DeferredAudio}); the tap hears what a pause did not silence; the span
 * is covered in the {@link GapTimeline}, whose gaps are settled up to what the file holds. A stream gone quiet has
 * its window written out here too. A failed file write is kept ({@link #failure()}) and answered with {@code false}:
 * the stream ends on it.
 *
 * <p>On the stream's receive loop thread only; allocates nothing per packet (the one decode array of its own, for
 * the paths that come without the loop's, is made once).
 */
final class AudioPlacement {

    private final String streamId;
    private final AudioDecoder decoder;
    private final AudioWindow window;
    private final PauseSpans pauses;
    private final GapTimeline gaps;
    /** Audio on its way through the decode worker; {@code null} for a codec decoded on the loop. */
    private final DeferredAudio offLoop;

    private AudioTap tap;
    private long tapFailures;
    private short[] ownScratch;
    private long lastWriteNanos;
    private IOException failure;

    /**
     * @param worker the stream's loop's decode worker, for a codec not decoded on the loop ({@code null}: none;
     *               such a codec is then refused)
     */
    AudioPlacement(String streamId, AudioCodec codec, AudioDecoder decoder, DecodeWorker worker, AudioWindow window,
                   PauseSpans pauses, GapTimeline gaps) {
        this.streamId = streamId;
        this.decoder = decoder;
        this.window = window;
        this.pauses = pauses;
        this.gaps = gaps;
        if (decoder.decodesOnTheLoop()) {
            this.offLoop = null;
        } else if (worker == null) {
            throw new IllegalArgumentException(codec + " is decoded off the receive loop and needs a decode worker");
        } else {
            this.offLoop = new DeferredAudio(worker.slotsFor(streamId, codec), window, pauses, gaps, this::hear);
        }
    }

    /**
     * Puts the payload at {@code [offset, offset + length)} of {@code datagram} at {@code position}: decoded into the
     * window, or its span reserved for the decode worker.
     *
     * @param scratch the loop's decode array, or {@code null} on a path that has none (a pause, the sweep, the end)
     * @return {@code false} if the file write failed ({@link #failure()} says why)
     */
    boolean put(ByteBuffer datagram, int offset, int length, long position, long streamSequence, long arrivalNanos,
                short[] scratch) {
        int samples;
        try {
            if (offLoop == null) {
                short[] target = scratch != null ? scratch : ownScratch(decoder.samples(datagram, offset, length));
                samples = decoder.decode(datagram, offset, length, target);
                window.put(position, target, samples);
                if (tap != null && pauses.silence(target, position, samples) < samples) {
                    hear(position, target, samples);
                }
            } else {
                samples = decoder.samples(datagram, offset, length);
                offLoop.place(datagram, offset, length, position, samples);
            }
        } catch (IOException e) {
            failure = e;
            return false;
        }
        gaps.covered(position, samples, streamSequence, arrivalNanos);
        lastWriteNanos = arrivalNanos;
        settleGaps(arrivalNanos);
        return true;
    }

    /**
     * Puts the audio the decode worker has finished into its place (nothing to do for a codec decoded on the loop).
     *
     * @return {@code false} if the file write failed
     */
    boolean takeBackDecoded() {
        if (offLoop == null) {
            return true;
        }
        try {
            offLoop.takeBack();
            return true;
        } catch (IOException e) {
            failure = e;
            return false;
        }
    }

    /**
     * Writes the window out if nothing was put for {@code quietNanos}: a stream on hold, or whose sender stopped
     * without a BYE, keeps nothing only in memory but the spans still being decoded (and what follows them), which the
     * next sweep writes once their audio is back.
     *
     * @return {@code false} if the write failed
     */
    boolean flushIfQuiet(long nowNanos, long quietNanos) {
        if (!takeBackDecoded()) {
            return false;
        }
        if (!window.hasUnflushed() || nowNanos - lastWriteNanos < quietNanos) {
            return true;
        }
        try {
            window.flushUpTo(offLoop == null ? Long.MAX_VALUE : offLoop.keepFrom());
            settleGaps(nowNanos);
            return true;
        } catch (IOException e) {
            failure = e;
            return false;
        }
    }

    /** The end of the stream: waits until {@code drainDeadlineNanos} for decodes under way, then writes it all out. */
    void finish(long drainDeadlineNanos) throws IOException {
        if (offLoop != null) {
            offLoop.finish(drainDeadlineNanos);
        }
        window.flushAll();
    }

    /**
     * Whether the stream's decode backlog is as deep as it may be ({@link DeferredAudio#backlogFull}); never for a
     * codec decoded on the loop.
     */
    boolean decodeBacklogFull() {
        return offLoop != null && offLoop.backlogFull();
    }

    /**
     * At the stream's close, before what waits in its socket is read: its decoding is finished and done on the loop
     * from now on ({@link DeferredAudio#decodeHereFromNow}); nothing for a codec decoded on the loop.
     *
     * @return {@code false} if the file write failed
     */
    boolean decodeHereFromNow(long deadlineNanos) {
        if (offLoop == null) {
            return true;
        }
        try {
            offLoop.decodeHereFromNow(deadlineNanos);
            return true;
        } catch (IOException e) {
            failure = e;
            return false;
        }
    }

    /** Sets (or, with {@code null}, clears) the tap that hears decoded audio as it is placed. */
    void tap(AudioTap tap) {
        this.tap = tap;
    }

    long tapFailures() {
        return tapFailures;
    }

    /** Packets decoded off the loop whose audio is silence (each a recorder failure gap); 0 on the loop. */
    long decodeFailures() {
        return offLoop == null ? 0 : offLoop.failures();
    }

    /** {@link #decodeFailures} by cause (see {@link DeferredAudio#describe}); empty for a codec decoded on the loop. */
    String decodeFailureCauses() {
        return offLoop == null ? "" : offLoop.describe();
    }

    /** Why the last write failed, or {@code null}. */
    IOException failure() {
        return failure;
    }

    /**
     * Settles the gaps up to what the file holds, but not past a decode still under way: a span that turns out to
     * have failed must still be open to be told apart.
     */
    private void settleGaps(long nowNanos) {
        long settled = window.flushedSamples();
        gaps.settle(offLoop == null ? settled : offLoop.settleLimit(settled), nowNanos);
    }

    /** The tap is someone else's code on the receive loop: whatever it throws is counted, never propagated. */
    private void hear(long position, short[] samples, int count) {
        if (tap == null) {
            return;
        }
        try {
            tap.onAudio(streamId, position, samples, 0, count);
        } catch (RuntimeException e) {
            tapFailures++;
        }
    }

    /**
     * A decode array for the paths that come without the loop's (a pause, the sweep, the end): made once, for the
     * few streams that ever hold a packet after a quiet spell when one of those comes.
     */
    private short[] ownScratch(int samples) {
        if (ownScratch == null || ownScratch.length < samples) {
            ownScratch = new short[samples];
        }
        return ownScratch;
    }
}
