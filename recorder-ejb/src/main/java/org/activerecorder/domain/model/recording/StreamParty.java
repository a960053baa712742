package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.Dn;

import java.util.Objects;

/**
 * Whose audio a stream carries, as its session's signalling says now: a SIPREC session may learn who is who only from
 * a metadata update after its streams were opened (see {@link Recording#describeStreams}).
 *
 * @param streamId the recorder's id of the stream
 * @param dn       the DN of the party whose audio it carries
 * @param side     its channel: the recorded party's (left) or the other party's (right)
 */
public record StreamParty(String streamId, Dn dn, StreamSide side) {
    public StreamParty {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(side, "side");
    }
}
