package org.activerecorder.sip.siprec;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one offered audio m-line is recorded, and why.
 *
 * @param line    the m-line
 * @param channel the channel it is written to
 * @param sender  the participant whose voice it carries, when the metadata says
 * @param rule    the rule that decided
 */
public record StreamChannel(AudioLine line, Channel channel, Optional<Participant> sender, ChannelRule rule) {
    public StreamChannel {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(rule, "rule");
    }

    /** One line for the recording's record and the log. */
    public String explanation() {
        String who = sender.map(participant -> " from "
                + (participant.aor().isEmpty() ? "participant " + participant.id() : participant.aor())).orElse("");
        return line + who + " -> " + channel.name().toLowerCase(java.util.Locale.ROOT) + ": " + rule.description();
    }
}
