package org.activerecorder.sip;

import org.activerecorder.application.IntakeRefused;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream intake for tests without a container: hands out stream ids and RTP ports, records what it
 * was asked, and can be told to refuse or to hold the next {@code openStream} until released.
 */
final class InMemoryStreamIntake implements StreamIntake {

    static final int FIRST_PORT = 21000;

    final BlockingQueue<StreamRequest> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    final BlockingQueue<String> paused = new LinkedBlockingQueue<>();
    final BlockingQueue<String> resumed = new LinkedBlockingQueue<>();
    private final AtomicInteger streams = new AtomicInteger();
    private volatile IntakeRefused refusal;
    private volatile CountDownLatch hold;
    private volatile InetAddress rtpAddress = InetAddress.getLoopbackAddress();

    @Override
    public StreamAccepted openStream(StreamRequest request) throws IntakeRefused {
        opened.add(request);
        CountDownLatch latch = hold;
        if (latch != null) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (refusal != null) {
            throw refusal;
        }
        int n = streams.incrementAndGet();
        return new StreamAccepted("stream-" + n, 100 + n, new InetSocketAddress(rtpAddress, FIRST_PORT + 2 * n));
    }

    @Override
    public void endStream(String streamId) {
        ended.add(streamId);
    }

    @Override
    public void pauseStream(String streamId, Instant at) {
        paused.add(streamId);
    }

    @Override
    public void resumeStream(String streamId, Instant at) {
        resumed.add(streamId);
    }

    /** The port the last accepted stream got. */
    int lastPort() {
        return FIRST_PORT + 2 * streams.get();
    }

    String lastStreamId() {
        return "stream-" + streams.get();
    }

    void refuseWith(IntakeRefused.Reason reason, String message) {
        refusal = new IntakeRefused(reason, message);
    }

    /** Makes openStream wait until the returned latch is counted down. */
    CountDownLatch holdNextOpen() {
        hold = new CountDownLatch(1);
        return hold;
    }

    void answerFrom(InetAddress address) {
        rtpAddress = address;
    }

    void reset() {
        opened.clear();
        ended.clear();
        paused.clear();
        resumed.clear();
        refusal = null;
        CountDownLatch latch = hold;
        hold = null;
        if (latch != null) {
            latch.countDown();
        }
        rtpAddress = InetAddress.getLoopbackAddress();
    }
}
