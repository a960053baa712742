package org.activerecorder.bench.sharedport;

import java.lang.management.ManagementFactory;

/**
 * The receiver's own CPU figure, taken as the anchor {@code FloorNio.java} takes it: process CPU (all threads, JIT
 * and GC included) from the first packet to the end, divided by the wall time from the first packet to the last.
 * The benchmark's figure of record is the external sampler's ({@code benchlib.py}); this one is the cross-check.
 * Used by the receive thread only.
 */
final class ReceiveClock {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long firstNanos;
    private long lastNanos;
    private long cpuAtFirst;

    /** Notes a packet's arrival. */
    void packet(long nowNanos) {
        if (firstNanos == 0) {
            firstNanos = nowNanos;
            cpuAtFirst = os.getProcessCpuTime();
        }
        lastNanos = nowNanos;
    }

    boolean started() {
        return firstNanos != 0;
    }

    long lastNanos() {
        return lastNanos;
    }

    /** The report line, in the anchor's keys so that the same scripts read it. */
    String report(String variant, DatagramConsumer.Totals t, String extra) {
        double cpu = (os.getProcessCpuTime() - cpuAtFirst) / 1e9;
        double wall = (lastNanos - firstNanos) / 1e9;
        return String.format("RECEIVER %s streams=%d seen=%d received=%d bytes=%d expected_by_seq=%d lost_by_seq=%d "
                        + "bad=%d unknown_ssrc=%d active_wall=%.3f cpu_s=%.3f cpu_cores=%.4f %s",
                variant, t.streams(), t.seen(), t.received(), t.bytes(), t.expected(), t.lost(), t.bad(),
                t.unknownSsrc(), wall, cpu, wall > 0 ? cpu / wall : 0, extra);
    }
}
