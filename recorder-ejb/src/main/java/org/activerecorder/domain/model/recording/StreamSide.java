package org.activerecorder.domain.model.recording;

/**
 * Which party a stream carries, relative to the DN that asked for the recording. It decides the channel
 * of the stereo file: the recorded party on the left, the other party on the right.
 */
public enum StreamSide {
    /** The audio of the DN that is recorded ({@code dn == recordDN}): left channel. */
    RECORDED_PARTY,
    /** The audio of the other party of the call: right channel. */
    OTHER_PARTY
}
