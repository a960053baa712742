package org.activerecorder.rtp.adapter.metrics;

import org.activerecorder.rtp.adapter.pipeline.SocketDrops;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the kernel's per-socket drop counters of the adapter's port range about once a second, on a thread of its
 * own, and lets each stream see its RTP socket's count ({@link #socket}).
 *
 * <p>Why a periodic reader rather than a read when a gap is judged: the tables list every UDP socket of the host
 * (6,000 and more at 3,000 calls, half a megabyte of text), so reading them costs milliseconds; done by a receive
 * loop per gap it would stall every stream of that loop whenever loss comes in bursts, which is exactly when the
 * loops are behind. Read once a second by one thread, the cost is fixed whatever the number of streams and gaps, and
 * the loops only read a number from an array (a volatile read: no lock, no allocation). The price is a delay: a gap
 * is judged only once a reading that began after the gap's end is in
 * ({@link org.activerecorder.rtp.adapter.pipeline.ReceiverOverflow}), which the audio window's own hold (half a second
 * to a second and a half) mostly covers.
 *
 * <p>Most seconds nothing was dropped anywhere, and then the tables are not read at all: each period first reads the
 * namespace's UDP error counters ({@code InErrors} of {@code /proc/net/snmp} and {@code Udp6InErrors} of
 * {@code /proc/net/snmp6}, a few kilobytes), and reads the tables only when those moved since the last full reading
 * (or that reading is {@value #FULL_READING_AT_LEAST_SECONDS} s old). A kernel counts a drop of a UDP socket's
 * {@code drops} column in its family's {@code InErrors} as well (a full receive buffer, a failed checksum, a socket
 * filter; a v4-mapped socket's in the IPv4 one), so counters that stand still mean every socket's count stands still.
 * Reading the tables at 3,000 calls took about 3 % of the server's CPU (docs/performance.md, "Where the CPU goes");
 * reading the counters is nothing beside it.
 *
 * <p>An exception to that rule, met on Linux 6.18 (docs/performance.md, series BB), where the UDP receive path
 * queues datagrams per NUMA node and drops those it cannot charge to the socket's memory with a "TODO: update SNMP
 * values" (fixed by later kernels): such drops are in the socket's count and in no namespace counter. They happen when
 * the UDP memory of the namespace is past its lowest limit ({@code net.ipv4.udp_mem}, whose first figure UDP, having
 * no memory-pressure mode, treats as its limit), as when the receive loops are seconds behind at thousands of calls.
 * So the counters are trusted only while {@code /proc/net/sockstat}'s UDP memory is below half that limit
 * ({@link #memoryTight}), and, for any other such path (a cgroup's memory limit, another kernel), every full reading
 * checks the rule itself: if the sockets of the range rose by more drops than the counters did, the kernel is one
 * that drops without counting, said once in the log, and from then on every period reads the tables and no stream's
 * close takes the counters' word for it ({@link #countsCurrent}).
 *
 * <p>A port's count is the one of the socket bound to it when the reading ran; a stream trusts only readings that
 * began after its socket was bound, so a count left by the port's previous socket is never taken for its own. A
 * socket bound after the last full reading, with nothing dropped in the namespace since, has dropped nothing: its
 * count is 0 as of the latest check. Off Linux (no {@code /proc/net/udp}) nothing is known and every stream's count
 * is -1.
 */
public final class SocketDropWatch implements Runnable {

    private static final Logger LOG = Logger.getLogger(SocketDropWatch.class.getName());

    /** How often the counters are checked (and the tables read, if they moved) in production. */
    public static final Duration PERIOD = Duration.ofSeconds(1);
    /**
     * The tables are read at least this often even when the counters stood still: a safety net, should a kernel ever
     * count a socket's drop without its family's {@code InErrors}.
     */
    static final int FULL_READING_AT_LEAST_SECONDS = 30;
    private static final long FULL_READING_AT_LEAST_NANOS = FULL_READING_AT_LEAST_SECONDS * 1_000_000_000L;

    private final Path procNet;
    /** The UDP memory in use and its limit. */
    private final KernelUdpDrops kernel;
    private final Duration period;
    private final UdpSocketTable table;
    private final AtomicLongArray drops;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    /**
     * When the latest published check began: every drop before it is in the counts; {@link Long#MIN_VALUE} before the
     * first.
     */
    private volatile long readAtNanos = Long.MIN_VALUE;
    /** When the latest full reading of the tables began: the counts are the sockets' bound before it. */
    private volatile long fullReadAtNanos = Long.MIN_VALUE;
    /**
     * The namespace's UDP errors when the latest full reading began; -1 unknown (then every check reads the tables).
     * Written after the reading's counts and times are published: a thread that sees it sees them.
     */
    private volatile long errorsAtFullReading = -1;
    private volatile boolean readable;
    /**
     * The kernel was seen to drop datagrams on the range's sockets that its UDP error counters did not count: the
     * counters are never trusted again (every period reads the tables).
     */
    private volatile boolean uncountedDrops;
    /** The lowest UDP memory limit in pages, as read at the latest period; -1 unknown. */
    private volatile long memoryLimitPages = -1;
    private volatile long readings;
    private volatile long fullReadings;
    private boolean failureLogged;

    /**
     * @param procNet         {@link KernelUdpDrops#PROC_NET}, or a folder of test files shaped like it
     * @param udpMemoryLimits {@link KernelUdpDrops#UDP_MEMORY_LIMITS}, or a test file shaped like it
     * @param bindAddress     the address the RTP sockets are bound to
     * @param firstPort       lowest port of the range
     * @param lastPort        highest port of the range
     * @param period          time between two readings
     */
    public SocketDropWatch(Path procNet, Path udpMemoryLimits, InetAddress bindAddress, int firstPort, int lastPort,
                           Duration period) {
        this.procNet = procNet;
        this.kernel = new KernelUdpDrops(procNet, udpMemoryLimits, firstPort, lastPort);
        this.period = period;
        this.table = new UdpSocketTable(bindAddress, firstPort, lastPort, ByteOrder.nativeOrder());
        this.drops = new AtomicLongArray(table.ports());
    }

    /** The count of the RTP socket on {@code port}, bound at {@code boundNanos} ({@link System#nanoTime()}). */
    public SocketDrops socket(int port, long boundNanos) {
        int index = port - table.firstPort();
        if (index < 0 || index >= drops.length()) {
            return SocketDrops.UNKNOWN;
        }
        return new SocketDrops() {
            @Override
            public long drops() {
                long at = readAtNanos;
                // a reading that began before the socket was bound may hold the port's previous socket's count
                if (!readable || at == Long.MIN_VALUE || at - boundNanos < 0) {
                    return -1;
                }
                // bound since the tables were read, and nothing dropped in the namespace from then until the check
                return fullReadAtNanos - boundNanos >= 0 ? SocketDropWatch.this.drops.get(index) : 0;
            }

            @Override
            public long readAtNanos() {
                return readAtNanos;
            }

            @Override
            public boolean current() {
                return drops() < 0 || countsCurrent();
            }
        };
    }

    /**
     * Whether the counts of the latest full reading still hold now: the namespace's UDP error counters have not
     * moved since it began, and they can be trusted to count every socket's drop (the UDP memory is not tight, and
     * the kernel was never caught dropping without counting). Reads those counters and the UDP memory in use (a few
     * kilobytes of {@code /proc}), so it is for a stream's close, not for every packet; thread-safe.
     */
    boolean countsCurrent() {
        long atFullReading = errorsAtFullReading;
        if (atFullReading < 0 || !readable || uncountedDrops || memoryTight(memoryLimitPages)) {
            return false;
        }
        return namespaceErrors() == atFullReading;
    }

    /** Whether the kernel was seen to drop datagrams on the range's sockets without counting them (tests). */
    boolean uncountedDrops() {
        return uncountedDrops;
    }

    /** Readings published so far (tests wait on it). */
    public long readings() {
        return readings;
    }

    /** Full readings of the tables so far (tests). */
    long fullReadings() {
        return fullReadings;
    }

    /**
     * Checks the namespace's counters and, if they moved, reads the tables and publishes the counts; what the loop of
     * {@link #run()} does each period.
     */
    public void readOnce() {
        long startedNanos = System.nanoTime();
        long limit = kernel.udpMemoryLimitPages();
        memoryLimitPages = limit;
        boolean tight = memoryTight(limit);
        // read before the tables, so that a drop while they are read moves the counters past this figure
        long errors = namespaceErrors();
        if (errors >= 0 && errors == errorsAtFullReading && readable && !uncountedDrops && !tight
                && startedNanos - fullReadAtNanos < FULL_READING_AT_LEAST_NANOS) {
            readAtNanos = startedNanos; // nothing dropped since the full reading: its counts stand
            readings++;
            return;
        }
        long rise = readTables();
        checkCounted(rise, errorsAtFullReading);
        fullReadAtNanos = startedNanos;
        readAtNanos = startedNanos; // published after the counts: a stream that sees this time sees them
        errorsAtFullReading = errors; // last: countsCurrent() compares with it
        readings++;
        fullReadings++;
    }

    /**
     * After a full reading whose ports' counts rose by {@code rise} since the one before, which began with the
     * namespace's counters at {@code errorsBefore}: if they rose by less (read again now, so that drops during the
     * reading are in them too), some drops were not counted, and the counters are not trusted again.
     */
    private void checkCounted(long rise, long errorsBefore) {
        if (uncountedDrops || rise <= 0 || errorsBefore < 0) {
            return;
        }
        long errorsNow = namespaceErrors();
        if (errorsNow >= 0 && rise > errorsNow - errorsBefore) {
            uncountedDrops = true;
            LOG.warning(String.format("the kernel dropped %d datagrams on the RTP sockets since the last reading of"
                    + " their drops while its UDP error counters rose by %d: it drops without counting (as Linux 6.18"
                    + " does when UDP memory runs short), so the sockets' drops are read every %d ms from now on",
                    rise, errorsNow - errorsBefore, period.toMillis()));
        }
    }

    /**
     * Whether the namespace's UDP memory in use ({@code /proc/net/sockstat}) is at least half its lowest limit, where
     * a kernel may drop without counting; {@code false} when either is unknown.
     */
    private boolean memoryTight(long limitPages) {
        if (limitPages <= 0) {
            return false;
        }
        long inUse = kernel.udpMemoryPages();
        return inUse >= 0 && inUse * 2 >= limitPages;
    }

    /** {@code InErrors} of UDP over IPv4 and IPv6 in the namespace; -1 if either file is there but unreadable. */
    private long namespaceErrors() {
        Path snmp = procNet.resolve("snmp");
        Path snmp6 = procNet.resolve("snmp6");
        if (!Files.isReadable(snmp)) {
            return -1;
        }
        long v4 = KernelUdpDrops.udpCounter(lines(snmp), "InErrors");
        long v6 = Files.exists(snmp6) ? KernelUdpDrops.udp6Counter(lines(snmp6), "Udp6InErrors") : 0;
        return v4 < 0 || v6 < 0 ? -1 : v4 + v6;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of(); // the counter then reads as unknown: the tables are read
        }
    }

    /**
     * Reads the tables and publishes each port's count; returns by how much the counts rose since the reading before
     * (a port's fall, its socket replaced by one that dropped less, counts as no rise: the sum is at most what the
     * sockets dropped since).
     */
    private long readTables() {
        Path udp = procNet.resolve("udp");
        Path udp6 = procNet.resolve("udp6");
        table.clear();
        boolean any = false;
        for (Path file : List.of(udp, udp6)) {
            if (Files.isReadable(file)) {
                any |= read(file);
            }
        }
        long rise = 0;
        for (int i = 0; i < table.ports(); i++) {
            long count = table.drops(table.firstPort() + i);
            rise += Math.max(0, count - drops.getAndSet(i, count));
        }
        readable = any;
        return rise;
    }

    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            return; // stopped before it ran
        }
        try {
            do {
                try {
                    readOnce();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "reading the kernel's UDP drops failed; trying again", e);
                }
            } while (!stop.await(period.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    /** Ends {@link #run()}; returns at once. */
    public void stop() {
        stop.countDown();
        if (started.compareAndSet(false, true)) {
            ended.countDown(); // never ran: nobody else will
        }
    }

    /** Waits until {@link #run()} has ended. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    private boolean read(Path file) {
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            String line;
            while ((line = lines.readLine()) != null) {
                table.read(line);
            }
            return true;
        } catch (IOException e) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.log(Level.WARNING, "cannot read " + file + "; gaps are not told apart from the kernel's drops", e);
            }
            return false;
        }
    }
}
