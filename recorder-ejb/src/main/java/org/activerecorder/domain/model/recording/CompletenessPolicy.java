package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.recording.CompletenessReason.Code;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a finished recording holds everything that was said. It is {@link RecordingState#INCOMPLETE} when
 * audio was lost on the recorder's side (a stream ended by a write or socket failure, by a stop or crash of the
 * server, or lost by the media plane; a stream file missing or unreadable at assembly; packets its own kernel dropped
 * for a full socket buffer; packets that arrived and were not decoded), or when the network lost
 * more than the tolerated share of the packets sent; otherwise it is {@link RecordingState#COMPLETED}. Each finding
 * is a {@link CompletenessReason} a person can act on. A recording of one party only is marked so, but is not
 * incomplete: it is what the Media Server sent.
 */
public final class CompletenessPolicy {

    /** Default of {@code recorder.loss-tolerance-percent}. */
    public static final double DEFAULT_LOSS_TOLERANCE_PERCENT = 1.0;
    /** Default of {@code recorder.lone-stream-grace-seconds}. */
    public static final Duration DEFAULT_LONE_STREAM_GRACE = Duration.ofSeconds(30);

    private final double lossTolerancePercent;
    private final Duration loneStreamGrace;

    /**
     * @param lossTolerancePercent the share of packets (lost or too late, over all streams' expected packets) the
     *                             network may cost before the recording is incomplete
     * @param loneStreamGrace      how long a recording whose streams all ended with only one party waits for the
     *                             other party before it is finished one-sided
     */
    public CompletenessPolicy(double lossTolerancePercent, Duration loneStreamGrace) {
        if (!(lossTolerancePercent >= 0 && lossTolerancePercent <= 100)) {
            throw new IllegalArgumentException("loss tolerance must be 0 to 100 %: " + lossTolerancePercent);
        }
        if (loneStreamGrace.isNegative()) {
            throw new IllegalArgumentException("lone stream grace cannot be negative: " + loneStreamGrace);
        }
        this.lossTolerancePercent = lossTolerancePercent;
        this.loneStreamGrace = loneStreamGrace;
    }

    public static CompletenessPolicy defaults() {
        return new CompletenessPolicy(DEFAULT_LOSS_TOLERANCE_PERCENT, DEFAULT_LONE_STREAM_GRACE);
    }

    public Duration loneStreamGrace() {
        return loneStreamGrace;
    }

    public double lossTolerancePercent() {
        return lossTolerancePercent;
    }

    /** What there is to say about the recording's completeness, once its streams have ended and it is assembled. */
    public List<CompletenessReason> reasons(Recording recording, Set<String> missingStreamIds) {
        List<CompletenessReason> reasons = new ArrayList<>();
        List<RecordingStream> streams = new ArrayList<>(recording.streams());
        streams.sort(Comparator.comparing(RecordingStream::openedAt));
        for (RecordingStream stream : streams) {
            if (stream.endReason() != null && stream.endReason().losesAudio()) {
                reasons.add(lostEnd(stream));
            }
            if (missingStreamIds.contains(stream.id())) {
                reasons.add(new CompletenessReason(Code.STREAM_FILE_MISSING, "The file of the stream of DN "
                        + stream.dn() + " (" + stream.audioFile() + ") was missing or unreadable when the recording"
                        + " was assembled: its channel is silence where that stream would be. Look for the file in"
                        + " the recordings folder and check the disk; it is kept if it is there."));
            }
        }
        CompletenessTotals totals = CompletenessTotals.of(streams);
        long overflowMillis = totals.silenceMillis().getOrDefault(GapCause.RECEIVER_OVERFLOW, 0L);
        if (overflowMillis > 0) {
            reasons.add(formatted(Code.RECEIVER_OVERFLOW,
                    "%d ms of audio reached the recorder's host and were dropped there: the kernel's receive buffer"
                            + " of a stream's RTP socket was full because the recorder fell behind (%d packets"
                            + " dropped by the kernel). Those stretches are silence. Check the server's load and the"
                            + " recorder_rtp_kernel_drops_total metric; raise the RTP receive buffer"
                            + " (receiveBufferBytes, and net.core.rmem_max) or the receive loops.",
                    overflowMillis, totals.kernelDrops()));
        }
        // A stream ended by a failure has its RECORDER_FAILURE gap from there on, explained by its end above; any
        // other such gap is audio that arrived and was not decoded (DeferredAudio in the media plane)
        long undecodedMillis = 0;
        for (RecordingStream stream : streams) {
            if (stream.endReason() == null || !stream.endReason().losesAudio()) {
                undecodedMillis += stream.silenceMillis(GapCause.RECORDER_FAILURE);
            }
        }
        if (undecodedMillis > 0) {
            reasons.add(formatted(Code.AUDIO_NOT_DECODED,
                    "%d ms of audio reached the recorder and were not decoded: the decoder failed on those packets,"
                            + " or the decode worker beside a receive loop fell behind and the audio was written"
                            + " before it answered (Opus is decoded there). Those stretches are silence. Check the"
                            + " server's load, the streams' closing lines in the server log (undecoded=, with the"
                            + " causes) and the recorder_rtp_packets_undecoded_total metric; a server this busy"
                            + " needs more cores or fewer calls in that codec.",
                    undecodedMillis));
        }
        if (totals.networkLossPercent() > lossTolerancePercent) {
            reasons.add(formatted(Code.NETWORK_LOSS,
                    "%.2f %% of the packets the Media Server sent were lost or came too late on the network (%d lost,"
                            + " %d late, of %d), more than the tolerance of %.2f %% (recorder.loss-tolerance-percent):"
                            + " those stretches are silence. Check the network between the Media Server and the"
                            + " recorder.",
                    totals.networkLossPercent(), totals.packetsLostOnNetwork(), totals.packetsLate(),
                    totals.packetsExpected(), lossTolerancePercent));
        }
        ChannelLayout layout = ChannelLayout.of(streams);
        if (layout.oneSided()) {
            RecordingStream present = layout.presentSide().get(0);
            reasons.add(new CompletenessReason(Code.ONE_SIDED, "Only the audio of DN " + present.dn()
                    + " was sent: the Media Server opened no session for the other party within "
                    + loneStreamGrace.toSeconds() + " s (recorder.lone-stream-grace-seconds), so its channel is"
                    + " silence. Nothing was lost by the recorder."));
        }
        return reasons;
    }

    /** A reason whose explanation is {@code format} filled in (numbers in the root locale: one reading everywhere). */
    private static CompletenessReason formatted(Code code, String format, Object... arguments) {
        return new CompletenessReason(code, String.format(Locale.ROOT, format, arguments));
    }

    /** {@link RecordingState#INCOMPLETE} if any reason means audio was lost, else {@link RecordingState#COMPLETED}. */
    public static RecordingState verdict(List<CompletenessReason> reasons) {
        return reasons.stream().anyMatch(CompletenessReason::losesAudio)
                ? RecordingState.INCOMPLETE : RecordingState.COMPLETED;
    }

    private static CompletenessReason lostEnd(RecordingStream stream) {
        String whose = "The stream of DN " + stream.dn() + " stopped after " + clock(stream)
                + " of audio";
        return switch (stream.endReason()) {
            case WRITE_FAILED -> new CompletenessReason(Code.STREAM_WRITE_FAILED, whose
                    + " because its file could not be written; the rest of it is missing. Check the free space and"
                    + " permissions of the recordings folder, and the server log.");
            case RECEIVE_FAILED -> new CompletenessReason(Code.STREAM_RECEIVE_FAILED, whose
                    + " because its RTP socket failed; the rest of it is missing. The server log names the error.");
            case ADAPTER_STOPPED -> new CompletenessReason(Code.SERVER_STOPPED, whose
                    + " because the recorder was stopped during the call; the rest of it is missing. Stop or redeploy"
                    + " the recorder only when no call is being recorded.");
            case RECOVERED_AT_START -> new CompletenessReason(Code.SERVER_CRASHED, whose
                    + " because the recorder stopped unexpectedly during the call; what was on disk was recovered at"
                    + " the next start, the rest is missing. The server log before that start says why it stopped.");
            case NOT_IN_MEDIA_PLANE -> new CompletenessReason(Code.STREAM_LOST_BY_MEDIA_PLANE, whose
                    + " because the RTP adapter no longer knew it and never reported its end; what was on disk is"
                    + " kept, the rest is missing. The server log of the RTP adapter says what happened.");
            default -> throw new IllegalArgumentException(stream.endReason() + " loses no audio");
        };
    }

    private static String clock(RecordingStream stream) {
        long seconds = stream.millis(stream.statistics().samplesWritten()) / 1000;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
