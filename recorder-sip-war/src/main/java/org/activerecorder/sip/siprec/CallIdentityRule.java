package org.activerecorder.sip.siprec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the identity of the call a SIPREC session records. In order:
 * <ol>
 *   <li>the value of a configured header, when the request has it (vendors put the call id in an {@code X-}
 *       header);</li>
 *   <li>a call id in the metadata's vendor extension data, looked up by local element name, in the order of
 *       {@link #DEFAULT_EXTENSION_NAMES} unless configured otherwise, first in the session-wide data, then in the
 *       participants';</li>
 *   <li>the SIPREC session id (the first {@code <session session_id>});</li>
 *   <li>without metadata, the recording dialog's own Call-ID.</li>
 * </ol>
 * Values that are blank or longer than {@value #MAX_LENGTH} characters are passed over (a column could not hold them).
 */
public final class CallIdentityRule {

    /**
     * Vendor element names known to carry a call id:
     * {@code ucid} (Acme Packet/Oracle SBC, "added as extension data to the session element", Avaya's Universal Call
     * ID), {@code CallUUID} (Genesys' name), {@code callID} (BroadWorks' {@code broadWorksRecordingMetadata}),
     * {@code call-id} and {@code call_id} (generic spellings), {@code extTrackingID} (BroadWorks' id across call
     * halves).
     */
    public static final List<String> DEFAULT_EXTENSION_NAMES = List.of("ucid", "CallUUID", "callID", "call-id",
            "call_id", "extTrackingID");

    public static final int MAX_LENGTH = 256;

    private final String headerName;
    private final List<String> extensionNames;

    /**
     * @param headerName     the header to read first, or null for none
     * @param extensionNames the extension element names to look for, in order of preference
     */
    public CallIdentityRule(String headerName, List<String> extensionNames) {
        this.headerName = headerName == null || headerName.isBlank() ? null : headerName.strip();
        this.extensionNames = List.copyOf(extensionNames);
    }

    /** The header the caller should read and pass to {@link #decide}; empty when none is configured. */
    public Optional<String> headerName() {
        return Optional.ofNullable(headerName);
    }

    /**
     * @param headerValue     the configured header's value in the request, null when absent
     * @param metadata        the session's metadata, if it has any
     * @param recordingCallId the Call-ID of the recording session's dialog
     */
    public CallIdentity decide(String headerValue, Optional<RecordingMetadata> metadata, String recordingCallId) {
        if (headerName != null && usable(headerValue)) {
            return new CallIdentity(headerValue.strip(), IdentityRule.CONFIGURED_HEADER, headerName);
        }
        if (metadata.isPresent()) {
            Optional<Map.Entry<String, String>> vendor = vendorCallId(metadata.get());
            if (vendor.isPresent()) {
                return new CallIdentity(vendor.get().getValue(), IdentityRule.EXTENSION_DATA, vendor.get().getKey());
            }
            Optional<String> session = metadata.get().sessionId().filter(CallIdentityRule::usable);
            if (session.isPresent()) {
                return new CallIdentity(session.get(), IdentityRule.SIPREC_SESSION_ID, "");
            }
        }
        String callId = Objects.requireNonNull(recordingCallId, "recordingCallId").strip();
        return new CallIdentity(callId.length() > MAX_LENGTH ? callId.substring(0, MAX_LENGTH) : callId,
                IdentityRule.RECORDING_DIALOG, "");
    }

    private Optional<Map.Entry<String, String>> vendorCallId(RecordingMetadata metadata) {
        Optional<Map.Entry<String, String>> found = ExtensionValues.find(metadata.extensionData(), extensionNames)
                .filter(entry -> usable(entry.getValue()));
        for (Participant participant : metadata.participants()) {
            if (found.isPresent()) {
                break;
            }
            found = ExtensionValues.find(participant.extensionData(), extensionNames)
                    .filter(entry -> usable(entry.getValue()));
        }
        return found;
    }

    private static boolean usable(String value) {
        return value != null && !value.isBlank() && value.strip().length() <= MAX_LENGTH;
    }
}
