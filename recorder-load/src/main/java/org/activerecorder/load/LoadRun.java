package org.activerecorder.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the plan's calls: {@code calls} slots, slot i starting its first call at {@code i / rate} seconds, each call
 * opening the agent's then the customer's session, streaming both parties for {@code callSeconds}, then BYE for
 * both; a slot starts its next call when its call ended, while that call can still end within the run. SIP
 * transactions run on a pool (each waits for its answer); RTP is paced by the {@link RtpPacer}, each party from a
 * socket of its own or from its pacing thread's ({@link RtpSockets}).
 */
final class LoadRun {

    private final LoadPlan plan;
    private final PartySessions sip;
    private final RtpPacer pacer;
    private final AudioFrames agentAudio;
    private final AudioFrames customerAudio;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService signalling = Executors.newFixedThreadPool(64);
    private final Queue<LoadCall> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger streaming = new AtomicInteger();
    private CountDownLatch slotsDone;
    private final CountDownLatch rampDone;
    private volatile long rampDoneNanos;
    private volatile long firstEndNanos;
    private long startNanos;

    LoadRun(LoadPlan plan, PartySessions sip, RtpPacer pacer, AudioFrames agentAudio, AudioFrames customerAudio) {
        this.plan = plan;
        this.sip = sip;
        this.pacer = pacer;
        this.agentAudio = agentAudio;
        this.customerAudio = customerAudio;
        this.rampDone = new CountDownLatch(plan.calls());
    }

    /**
     * Waits until every slot's first call is streaming (or was refused): the steady state can start. False if that
     * did not happen within {@code millis}.
     */
    boolean awaitRamp(long millis) throws InterruptedException {
        return rampDone.await(millis, TimeUnit.MILLISECONDS);
    }

    /** How long the ramp really took (longer than planned when the recorder answers slowly), in seconds. */
    double rampSeconds() {
        return rampDoneNanos == 0 ? Double.NaN : (rampDoneNanos - startNanos) / 1e9;
    }

    /** When the first call's streams ended ({@link System#nanoTime()}); 0 while none has. */
    long firstEndNanos() {
        return firstEndNanos;
    }

    /** When the run started ({@link System#nanoTime()}); slot 0's first call starts then. */
    long startNanos() {
        return startNanos;
    }

    /** Calls whose two streams are being sent now. */
    int streamingCalls() {
        return streaming.get();
    }

    ScheduledExecutorService clock() {
        return clock;
    }

    /** Starts every slot; returns at once. */
    void start() {
        slotsDone = new CountDownLatch(plan.calls());
        startNanos = System.nanoTime();
        for (int slot = 0; slot < plan.calls(); slot++) {
            long delay = Math.round(slot * 1e9 / plan.rate());
            clock.schedule(() -> signalling.execute(() -> playOneCall(true)), delay, TimeUnit.NANOSECONDS);
        }
    }

    /** Waits until every slot has played its last call; then the calls played, in the order they started. */
    List<LoadCall> awaitEnd() throws InterruptedException {
        slotsDone.await();
        clock.shutdownNow();
        signalling.shutdown();
        signalling.awaitTermination(1, TimeUnit.MINUTES);
        return List.copyOf(calls);
    }

    private void playOneCall(boolean first) {
        LoadCall call = new LoadCall(String.format("%s-%06d", plan.prefix(), numbers.incrementAndGet()));
        calls.add(call);
        try {
            if (open(call, call.agent) && open(call, call.customer)) {
                AtomicInteger streams = new AtomicInteger(2);
                Runnable partyDone = () -> {
                    if (streams.decrementAndGet() == 0) {
                        streaming.decrementAndGet();
                        if (firstEndNanos == 0) {
                            firstEndNanos = System.nanoTime();
                        }
                        clock.schedule(() -> signalling.execute(() -> end(call)), plan.byeDelayMillis(),
                                TimeUnit.MILLISECONDS);
                    }
                };
                streaming.incrementAndGet();
                stream(call.agent, agentAudio, partyDone);
                stream(call.customer, customerAudio, partyDone);
                rampStep(first);
                return;
            }
            call.failure = "INVITE answered " + call.agent.inviteStatus + " (agent), "
                    + call.customer.inviteStatus + " (customer)";
        } catch (IOException | RuntimeException e) {
            call.failure = "not played: " + e;
        }
        rampStep(first);
        hangUp(call);
        // a refused call's slot waits a call's length before it tries again, as the calls it stands for would
        clock.schedule(() -> signalling.execute(() -> next()), plan.callSeconds(), TimeUnit.SECONDS);
    }

    private void rampStep(boolean first) {
        if (first) {
            rampDone.countDown();
            if (rampDone.getCount() == 0) {
                rampDoneNanos = System.nanoTime();
            }
        }
    }

    private boolean open(LoadCall call, LoadCall.Party party) throws IOException {
        party.lane = pacer.next();
        int localRtpPort = party.lane.sharedPort();
        if (localRtpPort == 0) {
            DatagramChannel channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            party.channel = channel;
            localRtpPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }
        PartySessions.Opened opened = sip.open(call.callUuid, call.recordId(), party.dn, LoadCall.AGENT_DN,
                localRtpPort);
        party.inviteStatus = opened.status();
        party.inviteNanos = opened.answerNanos();
        if (!opened.ok()) {
            return false;
        }
        party.session = opened.session();
        party.recorderRtp = opened.recorderRtp();
        if (party.channel != null) {
            party.channel.connect(party.recorderRtp);
        }
        return true;
    }

    private void stream(LoadCall.Party party, AudioFrames audio, Runnable partyDone) {
        int ssrc = ThreadLocalRandom.current().nextInt();
        party.stream = party.channel != null
                ? new PacedStream(party.channel, audio, plan.packetsPerParty(), ssrc, partyDone)
                : new PacedStream(party.recorderRtp, audio, plan.packetsPerParty(), ssrc, partyDone);
        party.lane.start(party.stream);
    }

    private void end(LoadCall call) {
        hangUp(call);
        next();
    }

    /** BYE for each established session (the last one's instant kept), and the sockets closed. */
    private void hangUp(LoadCall call) {
        for (LoadCall.Party party : List.of(call.agent, call.customer)) {
            if (party.session != null) {
                call.lastByeNanos = System.nanoTime();
                call.lastByeAt = Instant.now();
                party.byeStatus = sip.bye(party.session);
            }
            if (party.channel != null) {
                try {
                    party.channel.close();
                } catch (IOException ignored) {
                    // nothing was to be sent any more
                }
            }
        }
    }

    /** The slot's next call, if it can end within the run; otherwise the slot is done. */
    private void next() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        if (plan.totalSeconds() > 0 && elapsed + plan.callSeconds() <= plan.totalSeconds()) {
            playOneCall(false);
        } else {
            slotsDone.countDown();
        }
    }
}
