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
    /** Rules under which the metadata named a line's sender. */
    private static final Set<ChannelRule> NAMED = EnumSet.of(ChannelRule.METADATA, ChannelRule.MIXED_STREAM,
            ChannelRule.KEPT);

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
        return byConfiguredDn(known, lines).orElseGet(() ->
                channels(known, known.participants().get(0), PartyRule.FIRST_PARTICIPANT, "", lines));
    }

    /** The channels with the first participant whose AoR is a configured DN as the recorded party, if one is. */
    private Optional<ChannelMap> byConfiguredDn(RecordingMetadata metadata, List<AudioLine> lines) {
        for (Participant participant : metadata.participants()) {
            for (String aor : participant.aors()) {
                Optional<String> dn = recordedDns.matching(aor);
                if (dn.isPresent()) {
                    return Optional.of(channels(metadata, participant, PartyRule.CONFIGURED_DN, dn.get(), lines));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The decision after a re-INVITE or UPDATE ({@code metadata} is the merged state, see {@link MetadataUpdate}); the
     * recording follows it (its streams take their new sides before assembly). A recorded party chosen by a configured
     * DN stays while the metadata still names it: a complete document listing the participants in another order does
     * not swap the channels. One that was only the first participant yields to a participant whose AoR is a configured
     * DN, when the update brings one (the callee added by a later re-INVITE or UPDATE is often the agent to record):
     * that was the rule all along, the first document just could not apply it. A session decided by m-line order (no
     * participants yet) is decided afresh. Each line's channel follows the merged participant-stream association,
     * except a line whose sender the metadata had named already and which another participant sends now (a transfer):
     * it keeps its channel ({@link ChannelRule#KEPT}), since the recording cannot split one stream between two sides.
     */
    public ChannelMap reassign(ChannelMap previous, Optional<RecordingMetadata> metadata, List<AudioLine> lines) {
        Optional<Participant> party = previous.recordedParty()
                .flatMap(known -> metadata.flatMap(current -> current.participant(known.id())));
        if (party.isEmpty()) {
            return assign(metadata, lines);
        }
        RecordingMetadata known = metadata.get();
        if (previous.partyRule() != PartyRule.CONFIGURED_DN) {
            Optional<ChannelMap> configured = byConfiguredDn(known, lines);
            if (configured.isPresent()) {
                return configured.get();
            }
        }
        return keepingNamedSenders(previous, channels(known, party.get(), previous.partyRule(), previous.matchedDn(),
                lines));
    }

    /**
     * {@code next}, except that a line whose sender the metadata had named keeps its channel and sender when another
     * participant (or nobody) sends it now: what it carried so far was the first sender's, and a stream is recorded on
     * one channel. Only guesses (m-line order, elimination) and a corrected recorded party move a line.
     */
    private static ChannelMap keepingNamedSenders(ChannelMap previous, ChannelMap next) {
        List<StreamChannel> kept = new ArrayList<>(next.streams().size());
        for (StreamChannel now : next.streams()) {
            Optional<StreamChannel> was = previous.streams().stream()
                    .filter(stream -> stream.line().index() == now.line().index()).findFirst();
            boolean named = was.isPresent() && was.get().sender().isPresent() && NAMED.contains(was.get().rule());
            if (named && !sameSender(was.get(), now)) {
                kept.add(new StreamChannel(now.line(), was.get().channel(), was.get().sender(), ChannelRule.KEPT));
            } else {
                kept.add(now);
            }
        }
        return new ChannelMap(next.recordedParty(), next.partyRule(), next.matchedDn(), kept);
    }

    private static boolean sameSender(StreamChannel a, StreamChannel b) {
        return a.sender().map(Participant::id).equals(b.sender().map(Participant::id));
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
