package org.activerecorder.sip.siprec;

/** Which rule put an audio m-line on its channel; the recording says it per stream. */
public enum ChannelRule {
    /** The m-line's label names a stream the metadata says one participant sends. */
    METADATA("its label names a stream the metadata says this participant sends"),
    /** The label names a stream several participants send (mixed): left if the recorded party is among them. */
    MIXED_STREAM("its label names a stream several participants send (mixed)"),
    /** The metadata says nothing of this m-line, but the other m-lines fill one channel: it takes the other. */
    ELIMINATION("the metadata says nothing of it; the other streams fill the other channel"),
    /**
     * The metadata named this line's sender before and names another (or none) now: a transfer, a participant leaving.
     * The line keeps its channel and sender, since its audio so far is that sender's and one stream has one channel.
     */
    KEPT("the metadata named its sender before and another now; it keeps its channel (its audio so far is the first's)"),
    /** No metadata, or none about this m-line: the first audio m-line is left, the others right. */
    MLINE_ORDER("no metadata about it; m-line order (first left, others right)");

    private final String description;

    ChannelRule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
