package org.activerecorder.load;

import java.io.IOException;

/**
 * The steady-state window of a run: the recorder's CPU (utime + stime over the window, in cores), its memory and
 * the load tool's own CPU and the machine's load average at both ends, how many calls were streaming, and how many
 * packets a second the tool really sent then (fewer than the calls are due when its sender falls behind).
 */
final class CpuWindow {

    private final ServerProcess server;
    private final ServerProcess self = new ServerProcess(ProcessHandle.current().pid());
    private double serverCpuStart;
    private double selfCpuStart;
    private long startNanos;
    volatile boolean closed;
    volatile double seconds;
    volatile double serverCores;
    volatile double selfCores;
    volatile double rssMiB;
    volatile double pssMiB;
    volatile double loadStart;
    volatile double loadEnd;
    volatile int callsStart;
    volatile int callsEnd;
    private long packetsStart;
    /** Packets the tool sent a second over the window. */
    volatile double packetsPerSecond;
    /** Seconds from the ramp's end until every stream's first packet had left (the sender behind its schedule). */
    volatile double senderWaitSeconds;
    volatile long openFiles;
    volatile long threads;

    CpuWindow(ServerProcess server) {
        this.server = server;
    }

    void open(int streamingCalls, long packetsSent) throws IOException {
        packetsStart = packetsSent;
        startNanos = System.nanoTime();
        serverCpuStart = server.cpuSeconds();
        selfCpuStart = self.cpuSeconds();
        loadStart = ServerProcess.loadAverage();
        callsStart = streamingCalls;
    }

    void close(int streamingCalls, long packetsSent) throws IOException {
        seconds = (System.nanoTime() - startNanos) / 1e9;
        packetsPerSecond = (packetsSent - packetsStart) / seconds;
        serverCores = (server.cpuSeconds() - serverCpuStart) / seconds;
        selfCores = (self.cpuSeconds() - selfCpuStart) / seconds;
        rssMiB = server.rssMiB();
        pssMiB = server.pssMiB();
        openFiles = server.openFiles();
        threads = server.threads();
        loadEnd = ServerProcess.loadAverage();
        callsEnd = streamingCalls;
        closed = true;
    }
}
