package org.activerecorder.rtp.adapter.metrics;

import org.activerecorder.rtp.api.StreamStatistics;

/**
 * What one receive loop reports when asked, taken on the loop between two selects so that a stream is counted
 * exactly once: either open (its counters so far) or closed (its final counters).
 *
 * @param streamsOpen the loop's open streams
 * @param totals        the counters of every stream the loop has served, open or closed
 * @param decodeBacklog packets waiting for the loop's decode worker (Opus) at that moment
 */
public record LoopFigures(int streamsOpen, StreamStatistics totals, long decodeBacklog) {
}
