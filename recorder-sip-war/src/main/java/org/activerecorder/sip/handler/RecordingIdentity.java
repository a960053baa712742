package org.activerecorder.sip.handler;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.sip.uri.RecordingRequestUri;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which recording a session belongs to and what the recording is told about it, whatever the intake shape said it
 * with: a Genesys Request-URI ({@link #of(RecordingRequestUri)}) or SIPREC metadata ({@link SiprecInviteReader}).
 *
 * @param requestId         the sender's id of the recording session
 * @param callUuid          the call the session belongs to
 * @param recordDn          the recorded party: the stream whose party is this DN is the left channel
 * @param attributes        kept with the recording, name to value, in order
 * @param omittedAttributes names left out past the bound, for the log
 */
public record RecordingIdentity(RecordingRequestId requestId, CallUuid callUuid, Dn recordDn,
                                Map<String, String> attributes, List<String> omittedAttributes) {
    public RecordingIdentity {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(callUuid, "callUuid");
        Objects.requireNonNull(recordDn, "recordDn");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        omittedAttributes = List.copyOf(omittedAttributes);
    }

    /** The identity a Genesys recording Request-URI gives. */
    public static RecordingIdentity of(RecordingRequestUri uri) {
        return new RecordingIdentity(uri.requestId(), uri.callUuid(), uri.recordDn(), uri.attributes(),
                uri.omittedAttributes());
    }
}
