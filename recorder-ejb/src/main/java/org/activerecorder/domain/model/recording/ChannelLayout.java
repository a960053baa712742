package org.activerecorder.domain.model.recording;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which streams go to which channel of the stereo file: every stream of the recorded party left, every stream of
 * the other party right, each placed at its own first sample (a party may have several streams: a re-INVITE that
 * moved its media, a session that was replaced).
 *
 * <p>When every stream names the same side but they came in more than one session (both sessions said
 * {@code dn=recordDN}), they cannot all be the same party talking at once: the streams of the first session keep
 * their side and those of the later sessions take the empty one. Streams of one session (same SIP Call-ID) always
 * stay together.
 *
 * @param left  the recorded party's streams, in order of opening
 * @param right the other party's streams, in order of opening
 */
public record ChannelLayout(List<RecordingStream> left, List<RecordingStream> right) {

    public ChannelLayout {
        left = List.copyOf(left);
        right = List.copyOf(right);
    }

    public static ChannelLayout of(List<RecordingStream> streams) {
        List<RecordingStream> ordered = new ArrayList<>(streams);
        ordered.sort(Comparator.comparing(RecordingStream::openedAt));
        List<RecordingStream> recorded = ordered.stream().filter(s -> s.side() == StreamSide.RECORDED_PARTY).toList();
        List<RecordingStream> other = ordered.stream().filter(s -> s.side() == StreamSide.OTHER_PARTY).toList();
        if (other.isEmpty() && sessions(recorded) > 1) {
            return splitBySession(recorded, false);
        }
        if (recorded.isEmpty() && sessions(other) > 1) {
            return splitBySession(other, true);
        }
        return new ChannelLayout(recorded, other);
    }

    /** Whether only one party's audio was ever sent (one channel has no stream). */
    public boolean oneSided() {
        return left.isEmpty() != right.isEmpty();
    }

    /** The streams of the side that has any, when {@link #oneSided()}. */
    public List<RecordingStream> presentSide() {
        return left.isEmpty() ? right : left;
    }

    private static long sessions(List<RecordingStream> streams) {
        return streams.stream().map(RecordingStream::sipCallId).distinct().count();
    }

    private static ChannelLayout splitBySession(List<RecordingStream> sameSide, boolean firstSessionRight) {
        Set<String> sessions = new LinkedHashSet<>();
        sameSide.forEach(s -> sessions.add(s.sipCallId()));
        String first = sessions.iterator().next();
        List<RecordingStream> firstSession = sameSide.stream().filter(s -> s.sipCallId().equals(first)).toList();
        List<RecordingStream> later = sameSide.stream().filter(s -> !s.sipCallId().equals(first)).toList();
        return firstSessionRight ? new ChannelLayout(later, firstSession) : new ChannelLayout(firstSession, later);
    }
}
