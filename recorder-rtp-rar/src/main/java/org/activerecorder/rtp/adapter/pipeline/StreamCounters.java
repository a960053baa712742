package org.activerecorder.rtp.adapter.pipeline;

/**
 * The per-stream counters the pipeline keeps itself (the sequence tracker, the re-latch and the window keep theirs):
 * plain fields, incremented by the one receive loop thread that owns the stream, read into
 * {@link org.activerecorder.rtp.api.StreamStatistics} when someone asks.
 */
final class StreamCounters {

    /** Audio packets placed (while paused too). */
    long received;
    /** Not RTP, an unexpected payload type, a bad length, or a timestamp not believed. */
    long malformed;
    /** From a host not allowed, or invalid from another address than the source. */
    long foreign;
    /** Their place in the file was already written. */
    long late;
    long duplicates;
    /** Dropped for a timestamp not believed (also counted malformed). */
    long jumps;
    long ssrcChanges;
    /** Re-anchors for a timestamp jump (a new source re-anchors too, counted as an SSRC change). */
    long timestampJumps;
    /** Re-anchors of any cause. */
    long reanchors;
    long comfortNoisePackets;
    long telephoneEventPackets;
    /**
     * Packets after a quiet spell that were read late from a backlog (the receive loop behind, or a sender catching
     * up), placed by their timestamps: a loop that falls behind shows here.
     */
    long backlogs;
    /**
     * First packets after a quiet spell that came alone, nothing after them for a while: placed by their timestamps,
     * not taken for the end of a hold (a starved sender's last packet looks so). An int: it fits in the object
     * header's padding, where another long would grow every stream by 8 bytes (StreamFootprintTest).
     */
    int loneReturns;
    /** Runs after a quiet spell whose successors came slower than paced: placed by their timestamps. */
    int slowReturns;
    /**
     * Quiet spells of a sender already late that added less lag than it had ({@link TimestampJumpRule#anotherStall}):
     * placed by their timestamps, not taken for the end of a hold.
     */
    int lateStalls;

}
