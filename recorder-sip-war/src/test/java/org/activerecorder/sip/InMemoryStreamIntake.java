package org.activerecorder.sip;

import org.activerecorder.application.IntakeRefused;
import org.activerecorder.application.SessionParties;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream intake for tests without a container: hands out stream ids and RTP ports, records what it
 * was asked, and can be told to refuse or to hold the next {@code openSession} until released. A refused session
 * opens nothing, as the real intake's transaction does.
 */
final class InMemoryStreamIntake implements StreamIntake {

    static final int FIRST_PORT = 21000;

    final BlockingQueue<StreamRequest> opened = new LinkedBlockingQueue<>();
    /** Each session's requests, as one list per openSession call. */
    final BlockingQueue<List<StreamRequest>> sessions = new LinkedBlockingQueue<>();
    final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    final BlockingQueue<String> paused = new LinkedBlockingQueue<>();
    final BlockingQueue<String> resumed = new LinkedBlockingQueue<>();
    /** Each abandonStreams call's streams. */
    final BlockingQueue<List<String>> abandoned = new LinkedBlockingQueue<>();
    /** Streams for which media "arrived" ({@link #mediaArrived}); a test adds to it. */
    final Set<String> heard = ConcurrentHashMap.newKeySet();
    /** "streamId source" of each followSender call. */
    final BlockingQueue<String> followed = new LinkedBlockingQueue<>();
    /** What each describeStreams call said (a SIPREC metadata update correcting who is who). */
    final BlockingQueue<SessionParties> described = new LinkedBlockingQueue<>();
    private final AtomicInteger streams = new AtomicInteger();
    private volatile IntakeRefused refusal;
    private volatile CountDownLatch hold;
    private volatile CountDownLatch pauseGate;
    private volatile InetAddress rtpAddress = InetAddress.getLoopbackAddress();

    @Override
    public StreamAccepted openStream(StreamRequest request) throws IntakeRefused {
        return openSession(List.of(request)).get(0);
    }

    @Override
    public List<StreamAccepted> openSession(List<StreamRequest> requests) throws IntakeRefused {
        opened.addAll(requests);
        sessions.add(List.copyOf(requests));
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
        List<StreamAccepted> accepted = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            int n = streams.incrementAndGet();
            accepted.add(new StreamAccepted("stream-" + n, 100, new InetSocketAddress(rtpAddress, FIRST_PORT + 2 * n)));
        }
        return accepted;
    }

    @Override
    public void endStream(String streamId) {
        ended.add(streamId);
    }

    @Override
    public boolean mediaArrived(List<String> streamIds) {
        return streamIds.stream().anyMatch(heard::contains);
    }

    @Override
    public void abandonStreams(List<String> streamIds) {
        abandoned.add(List.copyOf(streamIds));
    }

    @Override
    public void followSender(String streamId, InetSocketAddress source) {
        followed.add(streamId + " " + source.getAddress().getHostAddress() + ":" + source.getPort());
    }

    @Override
    public void pauseStream(String streamId, Instant at) {
        paused.add(streamId);
        CountDownLatch latch = pauseGate;
        if (latch != null) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void resumeStream(String streamId, Instant at) {
        resumed.add(streamId);
    }

    @Override
    public void describeStreams(SessionParties parties, Instant at) {
        described.add(parties);
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

    /** Makes pauseStream wait until the returned latch is counted down (a hold still running). */
    CountDownLatch holdPauses() {
        pauseGate = new CountDownLatch(1);
        return pauseGate;
    }

    void answerFrom(InetAddress address) {
        rtpAddress = address;
    }

    void reset() {
        opened.clear();
        sessions.clear();
        ended.clear();
        paused.clear();
        resumed.clear();
        abandoned.clear();
        heard.clear();
        followed.clear();
        described.clear();
        refusal = null;
        CountDownLatch gate = pauseGate;
        pauseGate = null;
        if (gate != null) {
            gate.countDown();
        }
        CountDownLatch latch = hold;
        hold = null;
        if (latch != null) {
            latch.countDown();
        }
        rtpAddress = InetAddress.getLoopbackAddress();
        streams.set(0);
    }
}
