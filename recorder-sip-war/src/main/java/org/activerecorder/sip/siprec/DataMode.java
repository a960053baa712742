package org.activerecorder.sip.siprec;

/**
 * Whether a metadata document describes the whole recording session or only what changed (RFC 7865,
 * {@code <datamode>}; pre-RFC SRCs write {@code <dataMode>}, some capitalise the value).
 */
public enum DataMode {
    /** The whole state: it replaces what the recorder knew. The default when a document says nothing. */
    COMPLETE,
    /** Only the elements that changed, each given in full: merged into what the recorder knew. */
    PARTIAL
}
