package org.activerecorder.rtp.adapter.metrics;

import org.activerecorder.rtp.api.StreamStatistics;

/**
 * What one receive loop reports when asked, taken on the loop between two selects so that a stream is counted
 * exactly once: either open (its counters so far) or closed (its final counters).
 *
 * @param streamsOpen the loop's open streams
 * @param totals        the counters of every stream the loop has served, open or closed
 * @param decodeBacklog packets waiting for the loop's decode worker (Opus) at that moment
 * @param streamsHeld   streams whose packets the loop leaves in their sockets at that moment, their decoding behind
 * @param decodeHolds   times the loop began to hold a stream so, over every stream it served
 * @param decodeHoldLimits times a held stream fell the hold's limit behind and was read again, its packets refused
 *                      while its decoding was behind, over every stream it served
 */
public record LoopFigures(int streamsOpen, StreamStatistics totals, long decodeBacklog, int streamsHeld,
                          long decodeHolds, long decodeHoldLimits) {
}
