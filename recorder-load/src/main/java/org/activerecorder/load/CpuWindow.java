package org.activerecorder.load;

import java.io.IOException;

/**
 * The steady-state window of a run: the recorder's CPU (utime + stime over the window, in cores), its memory and
 * the load tool's own CPU and the machine's load average at both ends, and how many calls were streaming.
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
    volatile long openFiles;
    volatile long threads;

    CpuWindow(ServerProcess server) {
        this.server = server;
    }

    void open(int streamingCalls) throws IOException {
        startNanos = System.nanoTime();
        serverCpuStart = server.cpuSeconds();
        selfCpuStart = self.cpuSeconds();
        loadStart = ServerProcess.loadAverage();
        callsStart = streamingCalls;
    }

    void close(int streamingCalls) throws IOException {
        seconds = (System.nanoTime() - startNanos) / 1e9;
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
