package org.activerecorder.domain.model.rule;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A routing strategy's recording instruction: the {@code record} extension of its {@code TRouteCall}, which the
 * bridge passes on in the call event, as Genesys SIP Server reads it:
 * <ul>
 * <li>{@code record=destination}: record the DN the call was routed to (the event's {@code thisDn});</li>
 * <li>{@code record=source}: record the DN the call came from (the event's {@code otherDn});</li>
 * <li>{@code record=disable_destination} / {@code disable_source}: do not record that DN on this call, even if its
 * configuration says always-recorded or a rule matches; only a third party's explicit start can still record it.</li>
 * </ul>
 * With it: {@code id}, the recording's id as the strategy names it (sent on as the request id when it is one the
 * Media Server can carry), and {@code dest}, the recording destination, passed on as received. Extensions are
 * instructions of one event: they are not merged into the call.
 */
public record RoutingInstruction(Party party, boolean record, String id, String dest) {

    /** Which party of the routed call the instruction is about. */
    public enum Party {
        SOURCE,
        DESTINATION
    }

    /** The instruction in these extensions, if they hold a {@code record} key with a known value. */
    public static Optional<RoutingInstruction> of(Map<String, String> extensions) {
        String value = extensions.get("record");
        if (value == null) {
            return Optional.empty();
        }
        String id = extensions.get("id");
        String dest = extensions.get("dest");
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "destination" -> Optional.of(new RoutingInstruction(Party.DESTINATION, true, id, dest));
            case "source" -> Optional.of(new RoutingInstruction(Party.SOURCE, true, id, dest));
            case "disable_destination" -> Optional.of(new RoutingInstruction(Party.DESTINATION, false, id, dest));
            case "disable_source" -> Optional.of(new RoutingInstruction(Party.SOURCE, false, id, dest));
            default -> Optional.empty();
        };
    }

    /** How a person reads it in a log or a command's reason. */
    public String describe() {
        return "routing record=" + (record ? "" : "disable_") + party.name().toLowerCase(Locale.ROOT);
    }
}
