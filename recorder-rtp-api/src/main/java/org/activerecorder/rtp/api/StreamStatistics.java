package org.activerecorder.rtp.api;

/**
 * Per-stream counters, kept by the adapter in plain fields and reported once when the stream ends.
 *
 * @param packetsReceived   RTP packets accepted into the recording
 * @param packetsMalformed  datagrams that were not valid RTP, or carried an unexpected payload type (dropped)
 * @param packetsForeign    datagrams from a source other than the latched one (dropped)
 * @param packetsLate       packets that arrived after their place in the file was already written (dropped)
 * @param packetsLost       packets never received, by sequence number (their span is silence)
 * @param packetsDuplicate  packets received more than once (the copies are dropped)
 * @param samplesWritten    audio samples in the stream's file, silence included
 */
public record StreamStatistics(long packetsReceived, long packetsMalformed, long packetsForeign, long packetsLate,
                               long packetsLost, long packetsDuplicate, long samplesWritten) {
    public static final StreamStatistics NONE = new StreamStatistics(0, 0, 0, 0, 0, 0, 0);
}
