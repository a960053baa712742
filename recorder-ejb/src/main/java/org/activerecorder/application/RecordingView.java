package org.activerecorder.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A recording as the API and the console show it.
 *
 * @param audioFile  the stereo file, relative to the recordings folder, once completed
 */
public record RecordingView(long id, String callUuid, String requestId, String recordDn, String state,
                            Instant startedAt, Instant finishedAt, Long durationMillis, String audioFile,
                            String sha256, String failureReason, Map<String, String> attributes,
                            List<StreamView> streams) {

    /** One party's stream of a recording, with what the media plane counted. */
    public record StreamView(String id, String dn, String side, String state, String sipCallId, String codec,
                             String localRtp, String mediaSource, Instant openedAt, Instant firstPacketAt,
                             Instant endedAt, String endReason, long packetsReceived, long packetsLost,
                             long packetsLate, long packetsDuplicate, long packetsMalformed, long packetsForeign,
                             long samplesWritten) {
    }
}
