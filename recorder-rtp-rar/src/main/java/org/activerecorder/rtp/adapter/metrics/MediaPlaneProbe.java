package org.activerecorder.rtp.adapter.metrics;

import org.activerecorder.rtp.adapter.delivery.EndpointEventDispatcher;
import org.activerecorder.rtp.adapter.receive.ReceiverSettings;
import org.activerecorder.rtp.adapter.receive.RtpReceiver;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.StreamStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the media plane's figures when asked: the receive loops' stream totals (each loop sums its own streams
 * between two selects), the ports, the event delivery's queue, the kernel's drops and the process's file
 * descriptors. Called by the server's metrics at a scrape, never by the media path.
 */
public final class MediaPlaneProbe {

    /** The stream files are 16-bit PCM. */
    private static final int BYTES_PER_SAMPLE = 2;

    private final RtpReceiver receiver;
    private final EndpointEventDispatcher events;
    private final ClosedStreamTally closed;
    private final KernelUdpDrops kernel;
    private final OpenFiles files;

    public MediaPlaneProbe(RtpReceiver receiver, EndpointEventDispatcher events, ClosedStreamTally closed,
                           KernelUdpDrops kernel, OpenFiles files) {
        this.receiver = receiver;
        this.events = events;
        this.closed = closed;
        this.kernel = kernel;
        this.files = files;
    }

    /**
     * A probe reading the kernel's drops for the receiver's port range from {@link KernelUdpDrops#PROC_NET} and the
     * descriptors from {@link OpenFiles#PROC_SELF}.
     */
    public static MediaPlaneProbe of(RtpReceiver receiver, EndpointEventDispatcher events, ClosedStreamTally closed) {
        ReceiverSettings settings = receiver.settings();
        return new MediaPlaneProbe(receiver, events, closed,
                new KernelUdpDrops(KernelUdpDrops.PROC_NET, settings.firstRtpPort(), settings.portMax()),
                new OpenFiles(OpenFiles.PROC_SELF));
    }

    public MediaPlaneFigures figures() {
        List<LoopFigures> loops = receiver.loopFigures();
        List<Integer> perLoop = new ArrayList<>(loops.size());
        List<StreamStatistics> totals = new ArrayList<>(loops.size());
        long decodeBacklog = 0;
        int held = 0;
        long holds = 0;
        long holdLimits = 0;
        for (LoopFigures loop : loops) {
            perLoop.add(loop.streamsOpen());
            totals.add(loop.totals());
            decodeBacklog += loop.decodeBacklog();
            held += loop.streamsHeld();
            holds += loop.decodeHolds();
            holdLimits += loop.decodeHoldLimits();
        }
        StreamStatistics sum = StreamTotals.sum(totals);
        ReceiverSettings settings = receiver.settings();
        int pairs = settings.portPairs();
        int inUse = receiver.portPairsInUse();
        return new MediaPlaneFigures(receiver.openStreams(), perLoop, inUse, Math.max(0, pairs - inUse), sum,
                sum.samplesWritten() * BYTES_PER_SAMPLE, closed.byReason(), events.pending(), events.delivered(),
                events.retries(), kernel.openSocketDrops(), kernel.receiveBufferErrors(), files.open(), files.max(),
                decodeBacklog, held, holds, holdLimits, kernel.udpMemoryPages(), kernel.udpMemoryLimitPages());
    }
}
