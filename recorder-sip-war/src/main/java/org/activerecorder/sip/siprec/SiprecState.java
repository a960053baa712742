package org.activerecorder.sip.siprec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the recorder knows of a SIPREC session while it runs: the metadata so far (merged from every re-INVITE's
 * update), the recorded audio m-lines of its first offer, and who is who. A metadata update gives a new state and the
 * changes a person would want in the log (participants joining or leaving, streams changing sender or channel).
 *
 * @param metadata the metadata so far, if the SRC sent any
 * @param lines    the session's recorded audio m-lines (fixed by its first offer)
 * @param channels the channel of each of those lines, as last decided
 */
public record SiprecState(Optional<RecordingMetadata> metadata, List<AudioLine> lines, ChannelMap channels) {
    public SiprecState {
        Objects.requireNonNull(metadata, "metadata");
        lines = List.copyOf(lines);
        Objects.requireNonNull(channels, "channels");
    }

    /** A new state and what changed. */
    public record Change(SiprecState state, List<String> changes) {
        public Change {
            changes = List.copyOf(changes);
        }
    }

    /**
     * This state with a metadata update applied ({@link MetadataUpdate}: partial updates merge, complete ones
     * replace) and the channels decided again ({@link ChannelRules#reassign}).
     */
    public Change updatedBy(RecordingMetadata update, ChannelRules rules) {
        RecordingMetadata merged = metadata.map(previous -> MetadataUpdate.apply(previous, update)).orElse(update);
        ChannelMap next = rules.reassign(channels, Optional.of(merged), lines);
        SiprecState state = new SiprecState(Optional.of(merged), lines, next);
        return new Change(state, changes(merged, next));
    }

    private List<String> changes(RecordingMetadata merged, ChannelMap next) {
        List<String> changes = new ArrayList<>();
        List<Participant> before = metadata.map(RecordingMetadata::participants).orElse(List.of());
        for (Participant participant : merged.participants()) {
            if (before.stream().noneMatch(known -> known.id().equals(participant.id()))) {
                changes.add("participant " + name(participant) + " joined");
            }
        }
        for (Participant participant : before) {
            if (merged.participant(participant.id()).isEmpty()) {
                changes.add("participant " + name(participant) + " left");
            }
        }
        for (int i = 0; i < next.streams().size(); i++) {
            StreamChannel now = next.streams().get(i);
            StreamChannel was = channels.streams().get(i);
            if (now.channel() != was.channel() || !sender(now).equals(sender(was)) || now.rule() != was.rule()) {
                changes.add("now " + now.explanation()
                        + (now.channel() != was.channel() ? " (was " + channelName(was) + "; the recording follows)"
                        : ""));
            }
        }
        if (changes.isEmpty()) {
            changes.add("no change of participants or channels");
        }
        return changes;
    }

    private static String sender(StreamChannel stream) {
        return stream.sender().map(Participant::id).orElse("");
    }

    private static String channelName(StreamChannel stream) {
        return stream.channel().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String name(Participant participant) {
        return participant.aor().isEmpty() ? participant.id() : participant.aor();
    }
}
