package org.activerecorder.sip.siprec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who is who in a SIPREC session: which participant is the recorded party (left channel) and which channel
 * each offered audio m-line is written to. With metadata, channels come from it alone: m-line label, then the stream
 * with that label, then the participant that sends it (RFC 7865 {@code <participantstreamassoc>}); m-line order is
 * never used for a line the metadata describes, because SRCs order m-lines as they like. The recorded party is the
 * participant whose AoR is a configured DN, else the first participant of the metadata (SRCs list the caller first).
 * Without metadata (or for a line it says nothing of) the first audio m-line is left and the rest right. Every
 * decision carries its rule ({@link PartyRule}, {@link ChannelRule}).
 */
public final class ChannelRules {
    private final RecordedDns recordedDns;

    public ChannelRules(RecordedDns recordedDns) {
        this.recordedDns = recordedDns;
    }

    /** The first decision for a session, from its initial INVITE. */
    public ChannelMap assign(Optional<RecordingMetadata> metadata, List<AudioLine> lines) {
        if (metadata.isEmpty() || metadata.get().participants().isEmpty()) {
            return byMlineOrder(lines);
        }
        RecordingMetadata known = metadata.get();
        for (Participant participant : known.participants()) {
            for (String aor : participant.aors()) {
                Optional<String> dn = recordedDns.matching(aor);
                if (dn.isPresent()) {
                    return channels(known, participant, PartyRule.CONFIGURED_DN, dn.get(), lines);
                }
            }
        }
        return channels(known, known.participants().get(0), PartyRule.FIRST_PARTICIPANT, "", lines);
    }

    /**
     * The decision after a re-INVITE or UPDATE ({@code metadata} is the merged state, see {@link MetadataUpdate}). The
     * recorded party stays who it was while the metadata still names it: a DN that joins later (the callee added by an
     * UPDATE) does not swap the channels of a recording under way. A session decided by m-line order is decided afresh.
     */
    public ChannelMap reassign(ChannelMap previous, Optional<RecordingMetadata> metadata, List<AudioLine> lines) {
        Optional<Participant> party = previous.recordedParty()
                .flatMap(known -> metadata.flatMap(current -> current.participant(known.id())));
        if (party.isPresent()) {
            return channels(metadata.get(), party.get(), previous.partyRule(), previous.matchedDn(), lines);
        }
        return assign(metadata, lines);
    }

    private static ChannelMap channels(RecordingMetadata metadata, Participant party, PartyRule partyRule, String dn,
                                       List<AudioLine> lines) {
        List<StreamChannel> decided = new ArrayList<>(lines.size());
        Set<Channel> used = EnumSet.noneOf(Channel.class);
        int undescribed = 0;
        for (AudioLine line : lines) {
            List<Participant> senders = metadata.streamLabelled(line.label())
                    .map(stream -> metadata.sendersOf(stream.id())).orElse(List.of());
            if (senders.isEmpty()) {
                decided.add(null);
                undescribed++;
                continue;
            }
            boolean recorded = senders.stream().anyMatch(sender -> sender.id().equals(party.id()));
            Channel channel = recorded ? Channel.LEFT : Channel.RIGHT;
            used.add(channel);
            decided.add(new StreamChannel(line, channel, Optional.of(recorded ? party : senders.get(0)),
                    senders.size() > 1 ? ChannelRule.MIXED_STREAM : ChannelRule.METADATA));
        }
        for (int i = 0; i < decided.size(); i++) {
            if (decided.get(i) == null) {
                decided.set(i, undescribed(lines, i, undescribed == 1 && used.size() == 1 ? used : Set.of()));
            }
        }
        return new ChannelMap(Optional.of(party), partyRule, dn, decided);
    }

    /** A line the metadata says nothing of: the channel left free by the others, else m-line order. */
    private static StreamChannel undescribed(List<AudioLine> lines, int i, Set<Channel> taken) {
        if (!taken.isEmpty()) {
            Channel free = taken.contains(Channel.LEFT) ? Channel.RIGHT : Channel.LEFT;
            return new StreamChannel(lines.get(i), free, Optional.empty(), ChannelRule.ELIMINATION);
        }
        return new StreamChannel(lines.get(i), i == 0 ? Channel.LEFT : Channel.RIGHT, Optional.empty(),
                ChannelRule.MLINE_ORDER);
    }

    private static ChannelMap byMlineOrder(List<AudioLine> lines) {
        List<StreamChannel> streams = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            streams.add(new StreamChannel(lines.get(i), i == 0 ? Channel.LEFT : Channel.RIGHT, Optional.empty(),
                    ChannelRule.MLINE_ORDER));
        }
        return new ChannelMap(Optional.empty(), PartyRule.FIRST_MLINE, "", streams);
    }
}
