package org.activerecorder.sip.handler;

import org.activerecorder.application.SessionParties;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.recording.StreamParty;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.sip.siprec.Channel;
import org.activerecorder.sip.siprec.ChannelMap;
import org.activerecorder.sip.siprec.DomainIds;
import org.activerecorder.sip.siprec.Participant;
import org.activerecorder.sip.siprec.RecordingMetadata;
import org.activerecorder.sip.siprec.SiprecState;
import org.activerecorder.sip.siprec.StreamChannel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is who in a SIPREC session in the domain's words, from the channel rules' decision ({@link ChannelMap}): the
 * recorded party's DN, each audio line's DN and side, and the {@code siprec.*} attributes saying by which rule. The
 * INVITE's streams are opened with it ({@link SiprecInviteReader}), and a metadata update that changes it is sent to
 * the intake ({@link SiprecUpdates}): one derivation, so the two can never disagree on what "the same" is.
 */
final class SiprecParties {

    /** Stand-ins when the metadata names no party for a side. */
    static final String RECORDED_PARTY = "recorded-party";
    static final String OTHER_PARTY = "other-party";
    /** Participants named in attributes at most; the rest are in the log. */
    static final int MAX_PARTICIPANT_ATTRIBUTES = 6;
    /** Audio lines explained in attributes at most (with the others, within the recording's 32 attributes). */
    static final int MAX_LINE_ATTRIBUTES = 8;
    private static final int MAX_ATTRIBUTE_VALUE = 512;

    private SiprecParties() {
    }

    /** The recorded party's DN: its AoR's user part, else a stand-in when the metadata names nobody yet. */
    static Dn recordDn(ChannelMap channels) {
        return new Dn(channels.recordedParty().map(SiprecParties::dnOf).orElse(RECORDED_PARTY));
    }

    /** The DN of each audio line's party, in line order: the recorded DN on the left, each sender's on the right. */
    static List<Dn> lineDns(ChannelMap channels) {
        Dn recordDn = recordDn(channels);
        return channels.streams().stream()
                .map(stream -> stream.channel() == Channel.LEFT ? recordDn : otherDn(stream, recordDn)).toList();
    }

    /**
     * The session's streams described for the intake.
     *
     * @param streamIds the session's streams, one per audio line of {@code state}, in line order
     * @param extra     attributes to set besides the channel attributes (e.g. when and how the channels were corrected)
     */
    static SessionParties of(SiprecState state, List<String> streamIds, Map<String, String> extra, String cause) {
        ChannelMap channels = state.channels();
        if (streamIds.size() != channels.streams().size()) {
            throw new IllegalArgumentException(streamIds.size() + " streams for " + channels.streams().size()
                    + " audio lines");
        }
        List<Dn> dns = lineDns(channels);
        List<StreamParty> streams = new ArrayList<>(streamIds.size());
        for (int i = 0; i < streamIds.size(); i++) {
            streams.add(new StreamParty(streamIds.get(i), dns.get(i),
                    channels.streams().get(i).channel() == Channel.LEFT ? StreamSide.RECORDED_PARTY
                            : StreamSide.OTHER_PARTY));
        }
        Map<String, String> attributes = channelAttributes(state.metadata(), channels);
        attributes.putAll(extra);
        return new SessionParties(recordDn(channels), streams, attributes, cause);
    }

    /**
     * The attributes that say who is who and by which rule: the party rule, the configured DN it matched, the recorded
     * party, each line's channel and why, the participants' AoRs and names. Every name a later update may leave out is
     * present (empty: removed), so the recording never keeps a stale one.
     */
    static Map<String, String> channelAttributes(Optional<RecordingMetadata> metadata, ChannelMap channels) {
        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, "siprec.channelRule", channels.partyRule().name());
        put(attributes, "siprec.recordedDn", channels.matchedDn());
        put(attributes, "siprec.recordedParty", channels.recordedParty().map(SiprecParties::describe).orElse(""));
        List<StreamChannel> streams = channels.streams();
        for (int i = 0; i < streams.size() && i < MAX_LINE_ATTRIBUTES; i++) {
            put(attributes, "siprec.line." + (streams.get(i).line().index() + 1), streams.get(i).explanation());
        }
        List<Participant> participants = metadata.map(RecordingMetadata::participants).orElse(List.of());
        for (int i = 0; i < participants.size() && i < MAX_PARTICIPANT_ATTRIBUTES; i++) {
            Participant participant = participants.get(i);
            put(attributes, "siprec.participant." + (i + 1) + ".aor", participant.aor());
            put(attributes, "siprec.participant." + (i + 1) + ".name",
                    participant.names().isEmpty() ? "" : participant.names().get(0));
        }
        return attributes;
    }

    /** The attributes without the empty ones: what a recording opened now is given. */
    static Map<String, String> present(Map<String, String> attributes) {
        Map<String, String> present = new LinkedHashMap<>(attributes);
        present.values().removeIf(String::isEmpty);
        return present;
    }

    /** A participant's DN: its AoR's user part, else its id, mapped to what a DN takes. */
    static String dnOf(Participant participant) {
        String fromAor = DomainIds.dnOfAor(participant.aor());
        return fromAor.isEmpty() ? DomainIds.dn(participant.id()) : fromAor;
    }

    /** The DN of a right-channel stream: its sender's, unless that is the recorded DN too (then a stand-in). */
    private static Dn otherDn(StreamChannel stream, Dn recordDn) {
        String dn = stream.sender().map(SiprecParties::dnOf).orElse(OTHER_PARTY);
        return new Dn(dn.equals(recordDn.value()) ? OTHER_PARTY : dn);
    }

    private static String describe(Participant party) {
        return party.aor().isEmpty() ? "participant " + party.id() : party.aor();
    }

    static void put(Map<String, String> attributes, String name, String value) {
        attributes.put(name, value.length() > MAX_ATTRIBUTE_VALUE ? value.substring(0, MAX_ATTRIBUTE_VALUE) : value);
    }
}
