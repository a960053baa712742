package org.activerecorder.domain.model.recording;

/** A stream is {@code OPEN} from its session's answer until the RTP adapter reports its file finished. */
public enum StreamState {
    OPEN,
    ENDED
}
