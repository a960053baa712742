package org.activerecorder.rtp.adapter.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Datagrams the kernel dropped before the receive loops could read them, read from {@code /proc} when asked.
 *
 * <p>Why {@code /proc}: the JDK gives no per-socket drop counter (neither {@code DatagramChannel} nor a socket
 * option exposes {@code SO_RXQ_OVFL}), and no library on the classpath reads it. Linux keeps one per socket, the
 * {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6}, and one for the whole network namespace,
 * {@code RcvbufErrors} in the {@code Udp:} lines of {@code /proc/net/snmp}. A socket's count goes with the socket, so
 * the first is a figure of the open streams only; the second is monotonic but counts every UDP socket of the host
 * (SIP's too). Elsewhere than on Linux both are unknown (-1).
 */
public final class KernelUdpDrops {

    private static final Logger LOG = Logger.getLogger(KernelUdpDrops.class.getName());

    /** Where Linux publishes them. */
    public static final Path PROC_NET = Path.of("/proc/net");
    /** Where Linux publishes the namespace's UDP memory limits, in pages: {@code net.ipv4.udp_mem}. */
    public static final Path UDP_MEMORY_LIMITS = Path.of("/proc/sys/net/ipv4/udp_mem");

    private final Path procNet;
    private final Path udpMemoryLimits;
    private final int firstPort;
    private final int lastPort;
    private volatile boolean failureLogged;

    /**
     * @param procNet   {@link #PROC_NET}, or a folder of test files shaped like it
     * @param firstPort lowest port of the adapter's range
     * @param lastPort  highest port of the adapter's range
     */
    public KernelUdpDrops(Path procNet, int firstPort, int lastPort) {
        this(procNet, UDP_MEMORY_LIMITS, firstPort, lastPort);
    }

    /**
     * @param procNet         {@link #PROC_NET}, or a folder of test files shaped like it
     * @param udpMemoryLimits {@link #UDP_MEMORY_LIMITS}, or a test file shaped like it
     * @param firstPort       lowest port of the adapter's range
     * @param lastPort        highest port of the adapter's range
     */
    public KernelUdpDrops(Path procNet, Path udpMemoryLimits, int firstPort, int lastPort) {
        this.procNet = procNet;
        this.udpMemoryLimits = udpMemoryLimits;
        this.firstPort = firstPort;
        this.lastPort = lastPort;
    }

    /** Drops on the sockets bound to the adapter's port range now, IPv4 and IPv6; -1 if unknown. */
    public long openSocketDrops() {
        Path udp = procNet.resolve("udp");
        Path udp6 = procNet.resolve("udp6");
        if (!Files.isReadable(udp) && !Files.isReadable(udp6)) {
            return -1;
        }
        long drops = 0;
        for (Path table : List.of(udp, udp6)) {
            if (Files.isReadable(table)) {
                drops += sumDrops(read(table), firstPort, lastPort);
            }
        }
        return drops;
    }

    /** The namespace's UDP {@code RcvbufErrors}; -1 if unknown. */
    public long receiveBufferErrors() {
        Path snmp = procNet.resolve("snmp");
        return Files.isReadable(snmp) ? udpCounter(read(snmp), "RcvbufErrors") : -1;
    }

    /** The host's UDP memory in use now, in pages ({@code /proc/net/sockstat}); -1 if unknown. */
    public long udpMemoryPages() {
        Path sockstat = procNet.resolve("sockstat");
        return Files.isReadable(sockstat) ? sockstatUdpMemory(read(sockstat)) : -1;
    }

    /** UDP's memory limit in pages, the first figure of {@code net.ipv4.udp_mem}; -1 if unknown. */
    public long udpMemoryLimitPages() {
        return Files.isReadable(udpMemoryLimits) ? firstFigure(read(udpMemoryLimits)) : -1;
    }

    /** UDP's {@code mem} (pages, IPv4 and IPv6 together) of a {@code /proc/net/sockstat}-shaped file; -1 if absent. */
    static long sockstatUdpMemory(List<String> sockstat) {
        for (String line : sockstat) {
            if (line.startsWith("UDP: ")) {
                String[] fields = line.trim().split("\\s+");
                for (int i = 1; i + 1 < fields.length; i++) {
                    if (fields[i].equals("mem")) {
                        return number(fields[i + 1]);
                    }
                }
            }
        }
        return -1;
    }

    /** The first of the figures on a {@code udp_mem}-shaped file's line; -1 if absent. */
    static long firstFigure(List<String> limits) {
        return limits.isEmpty() ? -1 : number(limits.get(0).trim().split("\\s+")[0]);
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The {@code drops} of the sockets of a {@code /proc/net/udp}-shaped table whose local port lies in the range.
     * Lines that do not parse are skipped.
     */
    static long sumDrops(List<String> table, int firstPort, int lastPort) {
        long drops = 0;
        for (int i = 1; i < table.size(); i++) { // line 0 names the columns
            String[] fields = table.get(i).trim().split("\\s+");
            if (fields.length < 13) {
                continue;
            }
            String local = fields[1];
            int colon = local.lastIndexOf(':');
            try {
                int port = Integer.parseInt(local.substring(colon + 1), 16);
                if (colon > 0 && port >= firstPort && port <= lastPort) {
                    drops += Long.parseLong(fields[fields.length - 1]);
                }
            } catch (NumberFormatException e) {
                // not a socket line
            }
        }
        return drops;
    }

    /** A counter of the {@code Udp:} header and value lines of a {@code /proc/net/snmp}-shaped file; -1 if absent. */
    static long udpCounter(List<String> snmp, String name) {
        for (int i = 0; i + 1 < snmp.size(); i++) {
            String header = snmp.get(i);
            String values = snmp.get(i + 1);
            if (header.startsWith("Udp: ") && values.startsWith("Udp: ")) {
                String[] names = header.trim().split("\\s+");
                String[] numbers = values.trim().split("\\s+");
                for (int k = 1; k < names.length && k < numbers.length; k++) {
                    if (names[k].equals(name)) {
                        try {
                            return Long.parseLong(numbers[k]);
                        } catch (NumberFormatException e) {
                            return -1;
                        }
                    }
                }
                return -1;
            }
        }
        return -1;
    }

    /** A counter of a {@code /proc/net/snmp6}-shaped file (a name and a value a line); -1 if absent. */
    static long udp6Counter(List<String> snmp6, String name) {
        for (String line : snmp6) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && fields[0].equals(name)) {
                try {
                    return Long.parseLong(fields[1]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.log(Level.WARNING, "cannot read " + file + "; kernel UDP drops are reported as unknown", e);
            }
            return List.of();
        }
    }
}
