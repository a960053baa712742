package org.activerecorder.infrastructure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;
import org.activerecorder.rtp.api.StreamStatistics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The media plane's meters read the right field of the adapter's figures, in both registries. */
class MediaPlaneMetersTest {

    private final AtomicReference<Optional<MediaPlaneFigures>> adapter = new AtomicReference<>(Optional.empty());
    private final SimpleMeterRegistry server = new SimpleMeterRegistry();
    private final RecorderMeters meters = new RecorderMeters(server);
    private final RecentReading<MediaPlaneFigures> reading = new RecentReading<>(adapter::get, Duration.ZERO);

    @Test
    void eachMeterShowsItsFigure() {
        adapter.set(Optional.of(figures(1000, 3)));
        new MediaPlaneMeters(reading).bindTo(meters.registry(), 2);

        for (MeterRegistry registry : List.of(meters.registry(), server)) {
            assertEquals(1000, registry.get("recorder.rtp.packets.received").functionCounter().count());
            assertEquals(1010, registry.get("recorder.rtp.packets.expected").functionCounter().count());
            assertEquals(10, registry.get("recorder.rtp.packets.lost").functionCounter().count());
            assertEquals(2, registry.get("recorder.rtp.packets.malformed").functionCounter().count());
            assertEquals(4, registry.get("recorder.rtp.packets.refused").functionCounter().count());
            assertEquals(5, registry.get("recorder.rtp.packets.late").functionCounter().count());
            assertEquals(6, registry.get("recorder.rtp.packets.duplicate").functionCounter().count());
            assertEquals(13, registry.get("recorder.rtp.packets.undecoded").functionCounter().count());
            assertEquals(14, registry.get("recorder.rtp.packets.awaiting.decode").gauge().value());
            assertEquals(2, registry.get("recorder.rtp.streams.held").gauge().value());
            assertEquals(15, registry.get("recorder.rtp.decode.holds").functionCounter().count());
            assertEquals(3, registry.get("recorder.rtp.decode.overdue.holds").functionCounter().count());
            assertEquals(320_000, registry.get("recorder.rtp.audio.written").functionCounter().count());
            assertEquals(3, registry.get("recorder.rtp.streams.closed").tag("reason", "WRITE_FAILED")
                    .functionCounter().count());
            assertEquals(7, registry.get("recorder.rtp.streams.closed").tag("reason", "REQUESTED")
                    .functionCounter().count());
            assertEquals(0, registry.get("recorder.rtp.streams.closed").tag("reason", "NO_MEDIA")
                    .functionCounter().count());
            assertEquals(4, registry.get("recorder.rtp.streams.open").gauge().value());
            assertEquals(2, registry.get("recorder.rtp.receive.loops").gauge().value());
            assertEquals(3, registry.get("recorder.rtp.loop.streams").tag("loop", "0").gauge().value());
            assertEquals(1, registry.get("recorder.rtp.loop.streams").tag("loop", "1").gauge().value());
            assertEquals(4, registry.get("recorder.rtp.port.pairs.used").gauge().value());
            assertEquals(96, registry.get("recorder.rtp.port.pairs.free").gauge().value());
            assertEquals(8, registry.get("recorder.rtp.events.pending").gauge().value());
            assertEquals(30, registry.get("recorder.rtp.events.delivered").functionCounter().count());
            assertEquals(9, registry.get("recorder.rtp.events.retries").functionCounter().count());
            assertEquals(11, registry.get("recorder.rtp.kernel.drops").gauge().value());
            assertEquals(7, registry.get("recorder.rtp.packets.kernel.dropped").functionCounter().count());
            assertEquals(12, registry.get("recorder.udp.receive.buffer.errors").functionCounter().count());
            assertEquals(613, registry.get("recorder.process.files.open").gauge().value());
            assertEquals(20000, registry.get("recorder.process.files.max").gauge().value());
            assertEquals(700, registry.get("recorder.udp.memory").gauge().value());
            assertEquals(575_817, registry.get("recorder.udp.memory.limit").gauge().value());
        }
    }

    @Test
    void scrapedUnderTheNamesDocsMetricsMdGives() {
        adapter.set(Optional.of(figures(1000, 3)));
        new MediaPlaneMeters(reading).bindTo(meters.registry(), 2);
        String text = meters.prometheusText();
        for (String sample : List.of("recorder_rtp_packets_received_total 1000", "recorder_rtp_packets_expected_total",
                "recorder_rtp_packets_lost_total", "recorder_rtp_packets_malformed_total",
                "recorder_rtp_packets_refused_total", "recorder_rtp_packets_late_total",
                "recorder_rtp_packets_duplicate_total", "recorder_rtp_packets_undecoded_total 13",
                "recorder_rtp_packets_awaiting_decode 14", "recorder_rtp_streams_held 2",
                "recorder_rtp_decode_holds_total 15", "recorder_rtp_decode_overdue_holds_total 3",
                "recorder_rtp_audio_written_bytes_total 320000",
                "recorder_rtp_streams_closed_total{reason=\"WRITE_FAILED\"} 3", "recorder_rtp_streams_open 4",
                "recorder_rtp_receive_loops 2", "recorder_rtp_loop_streams{loop=\"1\"} 1",
                "recorder_rtp_port_pairs_used 4", "recorder_rtp_port_pairs_free 96", "recorder_rtp_events_pending 8",
                "recorder_rtp_events_delivered_total 30", "recorder_rtp_events_retries_total 9",
                "recorder_rtp_kernel_drops 11", "recorder_rtp_packets_kernel_dropped_total 7",
                "recorder_udp_receive_buffer_errors_total 12",
                "recorder_process_files_open 613", "recorder_process_files_max 20000",
                "recorder_udp_memory_pages 700", "recorder_udp_memory_limit_pages 575817")) {
            assertTrue(text.contains("\n" + sample), () -> sample + " not in:\n" + text);
        }
    }

    @Test
    void whileTheAdapterCannotBeReadCountersHoldAndGaugesAreUnknown() {
        adapter.set(Optional.of(figures(1000, 0)));
        new MediaPlaneMeters(reading).bindTo(meters.registry(), 1);
        assertEquals(1000, meters.registry().get("recorder.rtp.packets.received").functionCounter().count());

        adapter.set(Optional.empty());
        assertEquals(1000, meters.registry().get("recorder.rtp.packets.received").functionCounter().count(),
                "a counter never goes back");
        assertTrue(Double.isNaN(meters.registry().get("recorder.rtp.streams.open").gauge().value()));

        adapter.set(Optional.of(figures(1500, 0)));
        assertEquals(1500, meters.registry().get("recorder.rtp.packets.received").functionCounter().count());
    }

    @Test
    void kernelFiguresUnknownOffLinuxAreNaN() {
        MediaPlaneFigures noProc = new MediaPlaneFigures(0, List.of(0), 0, 100, StreamStatistics.NONE, 0, Map.of(),
                0, 0, 0, -1, -1);
        adapter.set(Optional.of(noProc));
        new MediaPlaneMeters(reading).bindTo(meters.registry(), 1);
        assertTrue(Double.isNaN(meters.registry().get("recorder.rtp.kernel.drops").gauge().value()));
        assertTrue(Double.isNaN(meters.registry().get("recorder.udp.receive.buffer.errors").functionCounter().count()));
        assertTrue(Double.isNaN(meters.registry().get("recorder.process.files.open").gauge().value()));
        assertTrue(Double.isNaN(meters.registry().get("recorder.process.files.max").gauge().value()));
        assertTrue(Double.isNaN(meters.registry().get("recorder.udp.memory").gauge().value()));
        assertTrue(Double.isNaN(meters.registry().get("recorder.udp.memory.limit").gauge().value()));
    }

    private static MediaPlaneFigures figures(long received, long writeFailures) {
        StreamStatistics totals = new StreamStatistics(received, 2, 4, 5, 10, 6, 160_000, received + 10,
                0, 0, 0, 0, 0, 0, 7, 13);
        return new MediaPlaneFigures(4, List.of(3, 1), 4, 96, totals, 320_000,
                Map.of(CloseReason.REQUESTED, 7L, CloseReason.WRITE_FAILED, writeFailures), 8, 30, 9, 11, 12, 613, 20000,
                14, 2, 15, 3, 700, 575_817);
    }
}
