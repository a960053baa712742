package org.activerecorder.sip.siprec;

/** Which rule gave a SIPREC session its call identity (a SIPREC session carries no CallUUID). */
public enum IdentityRule {
    /** The value of the header the recorder is configured to read (vendors put the call id in an X- header). */
    CONFIGURED_HEADER,
    /** A call id in the metadata's vendor data (e.g. Acme Packet/Oracle {@code ucid}, BroadWorks {@code callID}). */
    EXTENSION_DATA,
    /** The metadata's communication session id ({@code <session session_id>}). */
    SIPREC_SESSION_ID,
    /** No metadata names the call: the Call-ID of the recording session's own dialog, unique to this recording only. */
    RECORDING_DIALOG
}
