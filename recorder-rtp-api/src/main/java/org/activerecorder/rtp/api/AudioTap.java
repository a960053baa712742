package org.activerecorder.rtp.api;

/**
 * A listener to a stream's decoded audio as it is placed in the recording (for live listening). Called on the
 * receive loop thread, so an implementation must copy what it needs into a bounded buffer of its own and return at
 * once: never block, never wait for a lock another thread may hold, never throw. When its buffer is full it drops
 * the audio (it is a listener, not the recording: the file gets every sample whatever a tap does).
 */
@FunctionalInterface
public interface AudioTap {

    /**
     * @param streamId the stream
     * @param position the sample position of {@code samples[offset]} in the stream's file
     * @param samples  16-bit linear samples at the codec's clock rate; only valid during the call
     * @param offset   first sample
     * @param count    how many samples
     */
    void onAudio(String streamId, long position, short[] samples, int offset, int count);
}
