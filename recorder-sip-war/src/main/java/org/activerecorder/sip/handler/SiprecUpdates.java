package org.activerecorder.sip.handler;

import org.activerecorder.application.SessionParties;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.siprec.ChannelMap;
import org.activerecorder.sip.siprec.ChannelRules;
import org.activerecorder.sip.siprec.RecordingMetadata;
import org.activerecorder.sip.siprec.SiprecCounters;
import org.activerecorder.sip.siprec.SiprecState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A SIPREC metadata update (in a re-INVITE or an UPDATE, RFC 7866 §8.3) applied to a running session: merged into
 * what the session knew and the channels decided again ({@link SiprecState#updatedBy}), each change logged. Real SRCs
 * name the callee, or the whole participant-stream association, only in a later update, and some send no metadata
 * with the INVITE at all (then m-line order decided): when the update changes whose audio a stream carries or its
 * side, the recording is told ({@code StreamIntake.describeStreams}) through the ordered hold queue, with attributes
 * saying when and by which rule the channels were corrected. The recording places its streams by their sides when it
 * is assembled, so the correction holds for the whole file.
 *
 * <p>One entry point for both methods: the caller has read the metadata ({@link SiprecInviteReader#metadataUpdate})
 * and refused the request if it could not. Runs on the SIP event thread, like every change of a session. An update
 * that comes while the streams still open is carried to them when they are ({@link RecordingSession#streamsOpened},
 * called by {@link StreamOpening}): the streams always end with the latest metadata's channels, told once.
 */
final class SiprecUpdates {

    private static final Logger LOG = Logger.getLogger(SiprecUpdates.class.getName());
    /** The attribute that says when and by which rule a metadata update corrected the channels (the last one). */
    static final String CORRECTED_ATTRIBUTE = "siprec.channelsCorrected";

    private final ChannelRules rules;
    private final HoldCommands holds;
    private final SiprecCounters counters;

    SiprecUpdates(ChannelRules rules, HoldCommands holds, SiprecCounters counters) {
        this.rules = rules;
        this.holds = holds;
        this.counters = counters;
    }

    /**
     * Applies {@code update} to the session, if it is a SIPREC session.
     *
     * @param at     when the request came: the correction's time in the recording
     * @param method the request that carried it ("re-INVITE", "UPDATE"), for the log and the recording
     */
    void apply(RecordingSession session, RecordingMetadata update, Instant at, String method) {
        Optional<SiprecState> known = session.siprec();
        if (known.isEmpty()) {
            return;
        }
        SiprecState.Change change = known.get().updatedBy(update, rules);
        SiprecState after = change.state();
        counters.metadataUpdated();
        LOG.info(() -> "SIPREC metadata update in " + method + " of " + session.key() + ": "
                + String.join("; ", change.changes()));
        if (session.siprecUpdated(after,
                (carried, streamIds) -> describe(session, carried, after, streamIds, at, method))) {
            LOG.info(() -> "SIPREC metadata update in " + method + " of " + session.key() + " came while its streams "
                    + "open: they are told once they are");
        }
    }

    /**
     * Tells the intake who is who now when that differs from what the streams carry. Called by the session, under its
     * lock (see {@link RecordingSession#siprecUpdated}): at once when the streams are open, else when they open.
     */
    private void describe(RecordingSession session, SiprecState carried, SiprecState after, List<String> streamIds,
                          Instant at, String method) {
        if (streamIds.size() != after.lines().size() || streamIds.size() != carried.lines().size()) {
            LOG.severe(() -> "SIPREC metadata update in " + method + " of " + session.key() + " names "
                    + after.lines().size() + " audio lines for streams " + streamIds
                    + ": the recording keeps the channels it has");
            return;
        }
        SessionParties was = SiprecParties.of(carried, streamIds, Map.of(), "");
        SessionParties now = SiprecParties.of(after, streamIds, Map.of(), "");
        if (was.equals(now)) {
            return;
        }
        boolean corrected = !was.recordDn().equals(now.recordDn()) || !was.streams().equals(now.streams());
        Map<String, String> note = new java.util.LinkedHashMap<>();
        if (corrected) {
            SiprecParties.put(note, CORRECTED_ATTRIBUTE, correction(at, method, after.channels()));
        }
        holds.describe(SiprecParties.of(after, streamIds, note, "SIPREC metadata update in " + method), at);
        if (corrected) {
            counters.channelsCorrected();
            LOG.info(() -> "SIPREC session " + session.key() + ": channels corrected, " + note.get(CORRECTED_ATTRIBUTE));
        }
    }

    /**
     * E.g. "2026-11-30T19:00:00Z by a metadata update in re-INVITE: recorded party by CONFIGURED_DN (4711); m-line 1
     * METADATA right, m-line 2 METADATA left".
     */
    static String correction(Instant at, String method, ChannelMap channels) {
        String lines = channels.streams().stream()
                .map(stream -> "m-line " + (stream.line().index() + 1) + " " + stream.rule().name() + " "
                        + stream.channel().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        return at + " by a metadata update in " + method + ": recorded party by " + channels.partyRule().name()
                + (channels.matchedDn().isEmpty() ? "" : " (" + channels.matchedDn() + ")") + "; " + lines;
    }
}
