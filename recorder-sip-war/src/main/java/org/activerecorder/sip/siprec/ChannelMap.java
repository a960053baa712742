package org.activerecorder.sip.siprec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is who in a SIPREC session: the recorded party (left channel) and, for each offered audio m-line, its channel
 * and sender, each with the rule that decided, so the recording can say how its channels were chosen.
 *
 * @param recordedParty the recorded party, when the metadata names participants
 * @param partyRule     the rule that chose it
 * @param matchedDn     the configured DN its AoR matched, "" unless {@code partyRule} is
 *                      {@link PartyRule#CONFIGURED_DN}
 * @param streams       one per offered audio m-line, in offer order
 */
public record ChannelMap(Optional<Participant> recordedParty, PartyRule partyRule, String matchedDn,
                         List<StreamChannel> streams) {
    public ChannelMap {
        Objects.requireNonNull(recordedParty, "recordedParty");
        Objects.requireNonNull(partyRule, "partyRule");
        matchedDn = matchedDn == null ? "" : matchedDn;
        streams = List.copyOf(streams);
    }

    /** The channel of the m-line at {@code index}, if it is one of the offered audio m-lines. */
    public Optional<Channel> channelOf(int index) {
        return streams.stream().filter(stream -> stream.line().index() == index).map(StreamChannel::channel)
                .findFirst();
    }

    /** Several lines for the recording's record and the log: the party rule, then one line per stream. */
    public String explanation() {
        StringBuilder text = new StringBuilder("recorded party ");
        text.append(recordedParty.map(party -> party.aor().isEmpty() ? "participant " + party.id() : party.aor())
                .orElse("unknown"));
        text.append(": ").append(partyRule.description());
        if (!matchedDn.isEmpty()) {
            text.append(" (").append(matchedDn).append(')');
        }
        streams.forEach(stream -> text.append('\n').append(stream.explanation()));
        return text.toString();
    }
}
