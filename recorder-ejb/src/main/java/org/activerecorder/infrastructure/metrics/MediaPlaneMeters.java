package org.activerecorder.infrastructure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;
import org.activerecorder.rtp.api.StreamStatistics;

import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The media plane's meters (docs/metrics.md), each a view of one {@link MediaPlaneFigures} reading: counters show
 * the last reading that succeeded (they never go back), gauges NaN while the adapter cannot be read.
 */
final class MediaPlaneMeters {

    private final RecentReading<MediaPlaneFigures> figures;

    MediaPlaneMeters(RecentReading<MediaPlaneFigures> figures) {
        this.figures = figures;
    }

    /**
     * Registers the meters.
     *
     * @param loops the receive loops, one {@code recorder.rtp.loop.streams} gauge each
     */
    void bindTo(MeterRegistry registry, int loops) {
        bindCounters(registry);
        bindGauges(registry, loops);
    }

    private void bindCounters(MeterRegistry registry) {
        packets(registry, "received", "RTP audio packets accepted into recordings", StreamStatistics::packetsReceived);
        packets(registry, "expected", "RTP packets the sequence numbers say were sent", StreamStatistics::packetsExpected);
        packets(registry, "lost", "RTP packets expected and never received (on the network, or dropped by the"
                + " recorder's kernel: see recorder.rtp.packets.kernel.dropped)", StreamStatistics::packetsLost);
        packets(registry, "kernel.dropped", "datagrams the kernel dropped on the RTP sockets of recorded streams for"
                + " a full receive buffer (/proc/net/udp, read about once a second), summed over every stream since"
                + " the start: the recorder's loss, not the network's", StreamStatistics::kernelDrops);
        packets(registry, "malformed", "datagrams that were not valid RTP, of an unexpected payload type or with"
                + " an implausible timestamp (dropped)", StreamStatistics::packetsMalformed);
        packets(registry, "refused", "datagrams from a host not allowed or a source never latched (dropped)",
                StreamStatistics::packetsForeign);
        packets(registry, "late", "RTP packets that came after their place in the file was written (dropped)",
                StreamStatistics::packetsLate);
        packets(registry, "duplicate", "RTP packets received more than once (copies dropped)",
                StreamStatistics::packetsDuplicate);
        packets(registry, "undecoded", "RTP packets of a codec decoded off the receive loops (Opus) received but"
                + " written as silence: the decode workers too far behind, a decode that failed or came after its"
                + " place was written (recorder failure gaps; each stream's causes in its closing log line)",
                StreamStatistics::packetsUndecoded);
        counter(registry, "recorder.rtp.decode.holds", "holds", "times a receive loop left an Opus stream's packets in"
                + " its socket because its decode worker was behind (a collector's pause, the JIT at start, more Opus"
                + " streams than the workers can decode): audio delayed, not lost",
                MediaPlaneFigures::decodeHolds);
        counter(registry, "recorder.rtp.decode.overdue.holds", "holds", "times a held stream fell the hold's limit"
                + " (recorder.rtp.decode-hold-limit-seconds) behind its wall clock and was read again, its packets"
                + " refused while its decoding was behind: audio lost (see recorder.rtp.packets.undecoded)",
                MediaPlaneFigures::decodeHoldLimits);
        counter(registry, "recorder.rtp.audio.written", "bytes", "bytes of audio written to stream files, silence"
                + " included", MediaPlaneFigures::audioBytesWritten);
        for (CloseReason reason : CloseReason.values()) {
            FunctionCounter.builder("recorder.rtp.streams.closed", figures,
                            reading -> reading.lastKnown().map(f -> (double) f.streamsClosed(reason)).orElse(0d))
                    .description("streams closed, by reason (WRITE_FAILED: a file write failed)")
                    .baseUnit("streams").tag("reason", reason.name()).register(registry);
        }
        counter(registry, "recorder.rtp.events.delivered", "events", "stream events taken by the recorder",
                MediaPlaneFigures::eventsDelivered);
        counter(registry, "recorder.rtp.events.retries", "events", "times a stream event was refused and offered"
                + " again", MediaPlaneFigures::eventRetries);
        FunctionCounter.builder("recorder.udp.receive.buffer.errors", figures,
                        reading -> known(reading.lastKnown().map(MediaPlaneFigures::udpReceiveBufferErrors).orElse(-1L)))
                .description("the host's UDP RcvbufErrors (/proc/net/snmp): datagrams the kernel dropped on any"
                        + " socket, SIP's included, for a full buffer (Linux 6.18 leaves out those it drops for want"
                        + " of UDP memory); NaN where unknown")
                .register(registry);
    }

    private void bindGauges(MeterRegistry registry, int loops) {
        gauge(registry, "recorder.rtp.streams.open", "streams", "streams open", MediaPlaneFigures::streamsOpen);
        gauge(registry, "recorder.rtp.receive.loops", "loops", "receive loops", f -> f.streamsPerLoop().size());
        for (int i = 0; i < loops; i++) {
            int loop = i;
            Gauge.builder("recorder.rtp.loop.streams", figures, reading -> reading.latest()
                            .filter(f -> f.streamsPerLoop().size() > loop)
                            .map(f -> (double) f.streamsPerLoop().get(loop)).orElse(Double.NaN))
                    .description("streams open on each receive loop").baseUnit("streams")
                    .tag("loop", Integer.toString(loop)).register(registry);
        }
        gauge(registry, "recorder.rtp.port.pairs.used", "pairs", "RTP/RTCP port pairs bound",
                MediaPlaneFigures::portPairsInUse);
        gauge(registry, "recorder.rtp.port.pairs.free", "pairs", "port pairs of the range not bound by the recorder",
                MediaPlaneFigures::portPairsFree);
        gauge(registry, "recorder.rtp.packets.awaiting.decode", "packets", "packets waiting for the decode workers (Opus);"
                + " a backlog that keeps growing means they cannot keep up", MediaPlaneFigures::decodeBacklog);
        gauge(registry, "recorder.rtp.streams.held", "streams", "streams whose packets the receive loops leave in"
                + " their sockets now, their decoding behind (Opus)", MediaPlaneFigures::streamsHeld);
        gauge(registry, "recorder.rtp.events.pending", "events", "stream events waiting for the recorder to take them"
                + " (the delivery queue's depth)", MediaPlaneFigures::eventsPending);
        Gauge.builder("recorder.rtp.kernel.drops", figures,
                        reading -> known(reading.latest().map(MediaPlaneFigures::kernelDropsOpenSockets).orElse(-1L)))
                .description("datagrams the kernel dropped on the open streams' sockets (/proc/net/udp): a socket's"
                        + " count goes with it; NaN where unknown")
                .register(registry);
        knownGauge(registry, "recorder.process.files.open", "files", "file descriptors the server holds (each RTP"
                + " stream three: RTP, RTCP, its file); NaN where unknown", MediaPlaneFigures::fileDescriptorsOpen);
        knownGauge(registry, "recorder.process.files.max", "files", "the most file descriptors the server may hold"
                + " (ulimit -n); NaN where unknown", MediaPlaneFigures::fileDescriptorsMax);
        knownGauge(registry, "recorder.udp.memory", "pages", "the host's UDP memory in use (/proc/net/sockstat):"
                + " every UDP socket's queued datagrams; NaN where unknown", MediaPlaneFigures::udpMemoryPages);
        knownGauge(registry, "recorder.udp.memory.limit", "pages", "UDP's memory limit (net.ipv4.udp_mem's first"
                + " figure): past it the kernel drops at every socket; NaN where unknown",
                MediaPlaneFigures::udpMemoryLimitPages);
    }

    /** A gauge of a figure that is -1 where unknown: NaN then. */
    private void knownGauge(MeterRegistry registry, String name, String unit, String description,
                            ToLongFunction<MediaPlaneFigures> value) {
        Gauge.builder(name, figures, reading -> known(reading.latest().map(value::applyAsLong).orElse(-1L)))
                .description(description).baseUnit(unit).register(registry);
    }

    private void packets(MeterRegistry registry, String what, String description,
                         ToLongFunction<StreamStatistics> count) {
        counter(registry, "recorder.rtp.packets." + what, "packets", description,
                f -> count.applyAsLong(f.totals()));
    }

    private void counter(MeterRegistry registry, String name, String unit, String description,
                         ToLongFunction<MediaPlaneFigures> count) {
        FunctionCounter.builder(name, figures,
                        reading -> reading.lastKnown().map(f -> (double) count.applyAsLong(f)).orElse(0d))
                .description(description).baseUnit(unit).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
                       ToDoubleFunction<MediaPlaneFigures> value) {
        Gauge.builder(name, figures, reading -> reading.latest().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).register(registry);
    }

    private static double known(long value) {
        return value < 0 ? Double.NaN : value;
    }
}
