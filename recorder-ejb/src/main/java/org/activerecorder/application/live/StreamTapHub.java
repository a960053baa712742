package org.activerecorder.application.live;

import org.activerecorder.rtp.api.AudioTap;

import java.util.Arrays;

/**
 * The one tap the media plane allows on a stream, shared by everybody listening to it: each listener gets its own
 * {@link SampleRing}. Called on the stream's receive loop: it only copies into the rings (no lock, no allocation,
 * nothing that can throw); joining and leaving are rare and copy the array of rings instead.
 */
public final class StreamTapHub implements AudioTap {

    private final String streamId;
    private volatile SampleRing[] rings = new SampleRing[0];

    public StreamTapHub(String streamId) {
        this.streamId = streamId;
    }

    public String streamId() {
        return streamId;
    }

    @Override
    public void onAudio(String streamId, long position, short[] samples, int offset, int count) {
        SampleRing[] listening = rings;
        long placed = System.nanoTime();
        for (SampleRing ring : listening) {
            ring.offer(position, samples, offset, count, placed);
        }
    }

    public synchronized void join(SampleRing ring) {
        SampleRing[] more = Arrays.copyOf(rings, rings.length + 1);
        more[rings.length] = ring;
        rings = more;
    }

    /** @return whether nobody listens any more */
    public synchronized boolean leave(SampleRing ring) {
        rings = Arrays.stream(rings).filter(kept -> kept != ring).toArray(SampleRing[]::new);
        return rings.length == 0;
    }
}
