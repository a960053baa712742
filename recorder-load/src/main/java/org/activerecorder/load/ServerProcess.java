package org.activerecorder.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorder's process and the machine's UDP counters as Linux's /proc shows them (the recorder runs on this
 * machine: the tool is for 127.0.0.1): CPU time (utime + stime of all threads, as the anchors' benchlib.py reads
 * it), resident memory, and the kernel's UDP receive-buffer drops.
 */
final class ServerProcess {

    /** Linux's USER_HZ: /proc/PID/stat counts CPU time in these ticks (100 on every x86-64 and arm64 kernel). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    ServerProcess(long pid) {
        this.pid = pid;
    }

    /** The WildFly standalone server of this machine, found by its command line; fails unless exactly one runs. */
    static ServerProcess find() throws IOException {
        List<Long> servers;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            servers = processes.filter(path -> path.getFileName().toString().matches("\\d+"))
                    .filter(ServerProcess::isStandaloneServer)
                    .map(path -> Long.parseLong(path.getFileName().toString())).toList();
        }
        if (servers.size() != 1) {
            throw new IOException(servers.isEmpty() ? "no WildFly standalone server runs here: give --server-pid"
                    : "several WildFly servers run here " + servers + ": give --server-pid");
        }
        return new ServerProcess(servers.get(0));
    }

    private static boolean isStandaloneServer(Path process) {
        try {
            String commandLine = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
            return commandLine.contains("jboss-modules.jar") && commandLine.contains("org.jboss.as.standalone");
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    long pid() {
        return pid;
    }

    /** CPU seconds the process has used, all threads, user and system. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    /** Resident memory in MiB. */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /**
     * Proportional memory in MiB ({@code Pss} of {@code /proc/PID/smaps_rollup}), or NaN where the kernel has no such
     * file. Unlike RSS it counts a page mapped several times once: JDK 17's ZGC maps its heap three times, so its RSS
     * reads about three times the memory it uses.
     */
    double pssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** File descriptors the process has open (sockets included). */
    long openFiles() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return descriptors.count();
        }
    }

    /** The process's threads. */
    long threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no Threads in /proc/" + pid + "/status");
    }

    /** The kernel's UDP counters, machine-wide: {@code RcvbufErrors} (a full socket buffer) and {@code InErrors}. */
    static UdpDrops udpDrops() throws IOException {
        return UdpDrops.parse(Files.readAllLines(Path.of("/proc/net/snmp")));
    }

    /** The 1-minute load average (runnable and waiting threads of the whole machine). */
    static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** Two counters of the {@code Udp:} lines of /proc/net/snmp. */
    record UdpDrops(long receiveBufferErrors, long inErrors) {
        static UdpDrops parse(List<String> snmp) throws IOException {
            String[] names = null;
            for (String line : snmp) {
                if (!line.startsWith("Udp: ")) {
                    continue;
                }
                if (names == null) {
                    names = line.split(" ");
                    continue;
                }
                String[] values = line.split(" ");
                long buffer = -1;
                long in = -1;
                for (int i = 1; i < names.length && i < values.length; i++) {
                    if (names[i].equals("RcvbufErrors")) {
                        buffer = Long.parseLong(values[i]);
                    } else if (names[i].equals("InErrors")) {
                        in = Long.parseLong(values[i]);
                    }
                }
                return new UdpDrops(buffer, in);
            }
            throw new IOException("no Udp: counters in /proc/net/snmp");
        }

        UdpDrops since(UdpDrops before) {
            return new UdpDrops(receiveBufferErrors - before.receiveBufferErrors, inErrors - before.inErrors);
        }
    }
}
