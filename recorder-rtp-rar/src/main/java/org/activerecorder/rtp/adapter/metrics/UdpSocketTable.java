package org.activerecorder.rtp.adapter.metrics;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads the per-socket {@code drops} column of Linux's {@code /proc/net/udp} and {@code /proc/net/udp6}, one line at a
 * time, into a table indexed by local port: the drops of the sockets bound to one address and a range of ports.
 *
 * <p>A row looks like {@code "  12: 0100007F:7A12 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000 0
 * 81234 2 0000000000000000 3"}: the local address and port in hex, ..., the socket's inode, and last its drops. The
 * address is the kernel's 32-bit words printed as native integers, so on a little-endian host 127.0.0.1 reads
 * {@code 0100007F}; an IPv6 row has four such words. The JDK opens its datagram channels as IPv6 sockets where it
 * can, so a channel bound to 127.0.0.1 shows in {@code udp6} as {@code ::ffff:127.0.0.1}: a mapped address is read as
 * the IPv4 one. The wildcard is all zeros in both tables.
 *
 * <p>Written by hand because no library on the classpath reads these tables; pure (fed lines, no files), so tests
 * feed it captured samples.
 */
public final class UdpSocketTable {

    /** The columns a socket row has at least ({@code sl} up to {@code drops}). */
    private static final int COLUMNS = 13;

    private final byte[] bindAddress;
    private final boolean wildcard;
    private final int firstPort;
    private final long[] drops;
    private final boolean littleEndian;
    private final byte[] scratch = new byte[16];

    /**
     * @param bindAddress the address the sockets are bound to
     * @param firstPort   the lowest port of the range (index 0 of {@link #drops(int)})
     * @param lastPort    the highest port of the range
     * @param order       the byte order the kernel printed the address words in (the host's:
     *                    {@link ByteOrder#nativeOrder()})
     */
    public UdpSocketTable(InetAddress bindAddress, int firstPort, int lastPort, ByteOrder order) {
        this.bindAddress = bindAddress.getAddress();
        this.wildcard = bindAddress.isAnyLocalAddress();
        this.firstPort = firstPort;
        this.drops = new long[lastPort - firstPort + 1];
        this.littleEndian = order == ByteOrder.LITTLE_ENDIAN;
    }

    /** Forgets every row read: the start of a new reading. */
    public void clear() {
        Arrays.fill(drops, 0);
    }

    /**
     * Reads one line of either table: a socket bound to the address and a port of the range adds its drops. The
     * header line, and any line that does not parse, adds nothing.
     */
    public void read(String line) {
        // by hand rather than split("\\s+"): thousands of rows a second, and a row needs only two of its fields
        int columns = 0;
        int localStart = -1;
        int localEnd = -1;
        int lastStart = -1;
        int lastEnd = -1;
        int at = 0;
        int length = line.length();
        while (true) {
            while (at < length && line.charAt(at) == ' ') {
                at++;
            }
            if (at == length) {
                break;
            }
            int start = at;
            while (at < length && line.charAt(at) != ' ') {
                at++;
            }
            if (columns == 1) {
                localStart = start;
                localEnd = at;
            }
            lastStart = start;
            lastEnd = at;
            columns++;
        }
        if (columns < COLUMNS) {
            return;
        }
        int colon = localEnd - 5;
        if (colon <= localStart || line.charAt(colon) != ':') {
            return;
        }
        int port = hexPort(line, colon + 1);
        if (port < firstPort || port >= firstPort + drops.length
                || !addressMatches(line, localStart, colon - localStart)) {
            return;
        }
        long count = 0;
        for (int i = lastStart; i < lastEnd; i++) {
            int digit = line.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return; // not a socket row
            }
            count = count * 10 + digit;
        }
        drops[port - firstPort] += count;
    }

    /** The drops read for {@code port} since the last {@link #clear()}; 0 for a port of no matching socket. */
    public long drops(int port) {
        return port < firstPort || port >= firstPort + drops.length ? 0 : drops[port - firstPort];
    }

    /** The lowest port of the range. */
    public int firstPort() {
        return firstPort;
    }

    /** How many ports the range holds. */
    public int ports() {
        return drops.length;
    }

    private static int hexPort(String local, int from) {
        int port = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(local.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            port = port << 4 | digit;
        }
        return port;
    }

    /** Whether the row's local address ({@code length} hex digits from {@code from}) is the bind address. */
    private boolean addressMatches(String local, int from, int length) {
        if (length != 8 && length != 32) {
            return false;
        }
        int bytes = length / 2;
        for (int word = 0; word < bytes / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int digits = from + word * 8 + b * 2;
                int high = Character.digit(local.charAt(digits), 16);
                int low = Character.digit(local.charAt(digits + 1), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                // a word printed as a native integer: its first printed byte is the word's last in memory when the
                // host is little-endian
                scratch[word * 4 + (littleEndian ? 3 - b : b)] = (byte) (high << 4 | low);
            }
        }
        int offset = 0;
        int size = bytes;
        if (bytes == 16 && isMappedIpv4()) {
            offset = 12;
            size = 4;
        }
        if (wildcard) {
            for (int i = offset; i < offset + size; i++) {
                if (scratch[i] != 0) {
                    return false;
                }
            }
            return true;
        }
        return Arrays.equals(scratch, offset, offset + size, bindAddress, 0, bindAddress.length);
    }

    private boolean isMappedIpv4() {
        for (int i = 0; i < 10; i++) {
            if (scratch[i] != 0) {
                return false;
            }
        }
        return scratch[10] == (byte) 0xff && scratch[11] == (byte) 0xff;
    }
}
