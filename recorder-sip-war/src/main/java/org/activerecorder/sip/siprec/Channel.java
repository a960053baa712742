package org.activerecorder.sip.siprec;

/** The side of a two-channel recording a stream is written to. */
public enum Channel {
    /** The recorded party: the participant whose DN is configured, else the caller. */
    LEFT,
    /** Everyone else. */
    RIGHT
}
