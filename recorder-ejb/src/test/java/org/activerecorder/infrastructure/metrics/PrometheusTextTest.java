package org.activerecorder.infrastructure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text a Prometheus server scrapes, exactly. */
class PrometheusTextTest {

    @Test
    void rendersCountersAndGaugesAsPrometheusFamilies() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong packets = new AtomicLong(123_456_789_012L);
        FunctionCounter.builder("recorder.rtp.packets.received", packets, AtomicLong::doubleValue)
                .description("RTP packets").baseUnit("packets").register(registry);
        Gauge.builder("recorder.recordings", () -> 2).description("recordings in each state")
                .baseUnit("recordings").tag("state", "ACTIVE").register(registry);
        Gauge.builder("recorder.recordings", () -> 5).description("recordings in each state")
                .baseUnit("recordings").tag("state", "COMPLETED").register(registry);
        Gauge.builder("recorder.rtp.kernel.drops", () -> Double.NaN).register(registry);
        Gauge.builder("recorder.rtp.audio.queued", () -> 1.5).baseUnit("bytes").register(registry);
        Counter.builder("recorder.sip.refusals").tag("reason", "say \"no\"\\").register(registry).increment(2.5);

        assertEquals("""
                # HELP recorder_recordings recordings in each state
                # TYPE recorder_recordings gauge
                recorder_recordings{state="ACTIVE"} 2
                recorder_recordings{state="COMPLETED"} 5
                # TYPE recorder_rtp_audio_queued_bytes gauge
                recorder_rtp_audio_queued_bytes 1.5
                # TYPE recorder_rtp_kernel_drops gauge
                recorder_rtp_kernel_drops NaN
                # HELP recorder_rtp_packets_received_total RTP packets
                # TYPE recorder_rtp_packets_received_total counter
                recorder_rtp_packets_received_total 123456789012
                # TYPE recorder_sip_refusals_total counter
                recorder_sip_refusals_total{reason="say \\"no\\"\\\\"} 2.5
                """, PrometheusText.render(registry.getMeters()));
    }
}
