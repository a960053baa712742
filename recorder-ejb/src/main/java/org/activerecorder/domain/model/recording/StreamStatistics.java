package org.activerecorder.domain.model.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What the media plane counted for one stream, stored with it when it ends.
 */
@Embeddable
public record StreamStatistics(
        @Column(name = "packets_received") long packetsReceived,
        @Column(name = "packets_malformed") long packetsMalformed,
        @Column(name = "packets_foreign") long packetsForeign,
        @Column(name = "packets_late") long packetsLate,
        @Column(name = "packets_lost") long packetsLost,
        @Column(name = "packets_duplicate") long packetsDuplicate,
        @Column(name = "samples_written") long samplesWritten) {

    public static final StreamStatistics NONE = new StreamStatistics(0, 0, 0, 0, 0, 0, 0);
}
