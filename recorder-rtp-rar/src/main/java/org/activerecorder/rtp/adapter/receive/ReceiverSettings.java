package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The receiver's configuration, validated once when the adapter starts.
 *
 * @param bindAddress   local address the RTP/RTCP sockets bind to
 * @param portMin       lowest port of the range (the first RTP port is the first even port at or above it)
 * @param portMax       highest port of the range (the last RTCP port is at most this)
 * @param receiveLoops  how many receive loops (threads) share the streams ({@link #parse} reads 0 as one per core)
 * @param allowedPeers  hosts media may come from
 * @param quietLimit    a stream with no packet for this long (since it opened, if none ever came) is closed with
 *                      {@code NO_MEDIA}: a sender gone without a BYE; {@link Duration#ZERO} never closes one
 * @param receiveBufferBytes the receive buffer ({@code SO_RCVBUF}) asked for on every RTP socket
 * @param decodeHoldLimit how far behind its wall clock a stream decoded off the loop (Opus) may fall while the loop
 *                        leaves its packets in the socket for its decode worker to catch up ({@code ReceiveLoop.hold});
 *                        {@link Duration#ZERO} never holds a stream (what finds no room is refused at once)
 * @param streamsPerPort  how many G.711 and L16 streams may share one RTP port (docs/port-groups.md); 1 gives every
 *                        stream a port of its own
 * @param portSharing     whose streams share ports when {@code streamsPerPort} is more than 1
 */
public record ReceiverSettings(InetAddress bindAddress, int portMin, int portMax, int receiveLoops,
                               AllowedPeers allowedPeers, Duration quietLimit, int receiveBufferBytes,
                               Duration decodeHoldLimit, int streamsPerPort, PortSharing portSharing) {

    /** Whose G.711 and L16 streams share ports ({@code recorder.rtp.port-sharing}). */
    public enum PortSharing {
        /** Every stream's, from its first. */
        ALL,
        /**
         * The streams of a media address that has shown it sends from where its SDP says ({@link ProvenSenders});
         * the others keep ports of their own. The adapter's default.
         */
        PROVEN;

        /** {@code all} or {@code proven}, in any case. */
        public static PortSharing parse(String value) {
            if (value != null) {
                for (PortSharing sharing : values()) {
                    if (sharing.name().equalsIgnoreCase(value.trim())) {
                        return sharing;
                    }
                }
            }
            throw new IllegalArgumentException("portSharing must be 'proven' or 'all', not '" + value + "'");
        }
    }

    /** The adapter's default group size (docs/port-groups.md: series BD, BE, BN). */
    public static final int DEFAULT_STREAMS_PER_PORT = 32;

    /**
     * The most streams one port may take: a group's socket is read at most 64 datagrams a round, and its receive
     * buffer, shared by all of them, holds ever fewer seconds of each.
     */
    public static final int MAX_STREAMS_PER_PORT = 256;

    /** More loops than this would only contend for the cores. */
    public static final int MAX_RECEIVE_LOOPS = 64;

    /** Two hours: holds can be long, and the EJB side has its own, database-driven sweep for calls. */
    public static final int DEFAULT_QUIET_LIMIT_SECONDS = 7200;

    /**
     * 1 MiB. The kernel books each queued datagram at its {@code truesize} (832 bytes for a 172-byte G.711 packet on
     * loopback here) against twice the size asked: 128 KiB held 315 G.711 packets (6 s of a 20 ms stream), measured
     * (Linux 6, JDK 17), so 1 MiB holds about 2,500 (50 s). 128 KiB was the default until series AF and AG
     * (docs/performance.md): with two busy loops beside the server and the load tool, the sender seconds late and
     * catching up in bursts, 128 KiB lost 0.15-3.4 % of the packets in the kernel in three runs of six on G1, 1 MiB
     * nothing in eight of eight. The kernel charges only what is queued, so a larger buffer costs memory only while a loop is
     * behind. A stock kernel caps it at net.core.rmem_max (212,992: about 10 s of G.711, still more than 128 KiB
     * gave); that cap of the default is logged once, as information ({@code PortAllocator}).
     */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 1024 * 1024;

    /**
     * Four seconds: long enough for a collector's pause or the JIT's work at start (a stream's decode slots and its
     * window wait about a second for the worker), well within what the default receive buffer holds of one Opus
     * stream (some 16 s). Series AQ in docs/performance.md.
     */
    public static final int DEFAULT_DECODE_HOLD_LIMIT_SECONDS = 4;

    /**
     * The longest hold allowed: a stream held this long is a minute behind its wall clock, beyond what any receive
     * buffer the kernel grants by default keeps of it; a worker that far behind will not catch up.
     */
    public static final int MAX_DECODE_HOLD_LIMIT_SECONDS = 60;

    /** Below this the kernel rounds the buffer up anyway (SOCK_MIN_RCVBUF); less is a typo. */
    public static final int MIN_RECEIVE_BUFFER_BYTES = 4096;

    /**
     * The most loops {@code receiveLoops} 0 gives on a big host: each loop holds a thread of WildFly's default
     * work manager (50 threads) for good, beside the event delivery, the file closers, decoding workers and the MDBs.
     */
    public static final int MAX_LOOPS_PER_CORE_DEFAULT = 16;

    /** What {@code receiveLoops} 0 asks for: one loop per core the JVM sees, at least one, at most 16. */
    public static int loopsPerCore() {
        return Math.max(1, Math.min(MAX_LOOPS_PER_CORE_DEFAULT, Runtime.getRuntime().availableProcessors()));
    }

    /** Settings that give every stream a port of its own. */
    public ReceiverSettings(InetAddress bindAddress, int portMin, int portMax, int receiveLoops,
                            AllowedPeers allowedPeers, Duration quietLimit, int receiveBufferBytes,
                            Duration decodeHoldLimit) {
        this(bindAddress, portMin, portMax, receiveLoops, allowedPeers, quietLimit, receiveBufferBytes,
                decodeHoldLimit, 1, PortSharing.ALL);
    }

    public ReceiverSettings {
        if (streamsPerPort < 1 || streamsPerPort > MAX_STREAMS_PER_PORT) {
            throw new IllegalArgumentException("streamsPerPort must be 1 (a port per stream) to " + MAX_STREAMS_PER_PORT
                    + ", not " + streamsPerPort);
        }
        if (bindAddress == null || allowedPeers == null || quietLimit == null || decodeHoldLimit == null
                || portSharing == null) {
            throw new IllegalArgumentException("bindAddress, allowedPeers, quietLimit, decodeHoldLimit and portSharing"
                    + " are required");
        }
        if (decodeHoldLimit.isNegative() || decodeHoldLimit.compareTo(
                Duration.ofSeconds(MAX_DECODE_HOLD_LIMIT_SECONDS)) > 0) {
            throw new IllegalArgumentException("decodeHoldLimitSeconds must be 0 (never hold) to "
                    + MAX_DECODE_HOLD_LIMIT_SECONDS + ", not " + decodeHoldLimit.toSeconds());
        }
        if (quietLimit.isNegative()) {
            throw new IllegalArgumentException("quietLimitSeconds must be 0 (never) or more, not "
                    + quietLimit.toSeconds());
        }
        if (portMin < 1 || portMax > 65535 || firstEven(portMin) + 1 > portMax) {
            throw new IllegalArgumentException("port range " + portMin + "-" + portMax
                    + " must lie in 1-65535 and hold at least one even RTP port with its RTCP port");
        }
        if (receiveLoops < 1 || receiveLoops > MAX_RECEIVE_LOOPS) {
            throw new IllegalArgumentException("receiveLoops must be 1-" + MAX_RECEIVE_LOOPS + ", not " + receiveLoops);
        }
        if (receiveBufferBytes < MIN_RECEIVE_BUFFER_BYTES) {
            throw new IllegalArgumentException("receiveBufferBytes must be " + MIN_RECEIVE_BUFFER_BYTES
                    + " or more, not " + receiveBufferBytes);
        }
    }

    /**
     * Builds settings from the adapter's raw config properties.
     *
     * @throws IllegalArgumentException naming the property that is wrong
     */
    public static ReceiverSettings parse(String bindAddress, Integer portMin, Integer portMax, Integer receiveLoops,
                                         String allowedPeers, Integer quietLimitSeconds, Integer receiveBufferBytes,
                                         Integer decodeHoldLimitSeconds, Integer streamsPerPort, String portSharing) {
        if (streamsPerPort == null) {
            throw new IllegalArgumentException("streamsPerPort is required");
        }
        return parse(bindAddress, portMin, portMax, receiveLoops, allowedPeers, quietLimitSeconds, receiveBufferBytes,
                decodeHoldLimitSeconds).withStreamsPerPort(streamsPerPort, PortSharing.parse(portSharing));
    }

    /** Builds settings with a port per stream. */
    public static ReceiverSettings parse(String bindAddress, Integer portMin, Integer portMax, Integer receiveLoops,
                                         String allowedPeers, Integer quietLimitSeconds, Integer receiveBufferBytes,
                                         Integer decodeHoldLimitSeconds) {
        requireExpanded("bindAddress", bindAddress);
        requireExpanded("allowedPeers", allowedPeers);
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress is empty");
        }
        if (portMin == null || portMax == null || receiveLoops == null || quietLimitSeconds == null
                || receiveBufferBytes == null || decodeHoldLimitSeconds == null) {
            throw new IllegalArgumentException("portMin, portMax, receiveLoops, quietLimitSeconds, receiveBufferBytes"
                    + " and decodeHoldLimitSeconds are required");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bindAddress does not resolve: " + bindAddress, e);
        }
        int loops = receiveLoops == 0 ? loopsPerCore() : receiveLoops;
        return new ReceiverSettings(address, portMin, portMax, loops, AllowedPeers.parse(allowedPeers),
                Duration.ofSeconds(quietLimitSeconds), receiveBufferBytes, Duration.ofSeconds(decodeHoldLimitSeconds));
    }

    /** Builds settings with the default decode hold limit. */
    public static ReceiverSettings parse(String bindAddress, Integer portMin, Integer portMax, Integer receiveLoops,
                                         String allowedPeers, Integer quietLimitSeconds, Integer receiveBufferBytes) {
        return parse(bindAddress, portMin, portMax, receiveLoops, allowedPeers, quietLimitSeconds, receiveBufferBytes,
                DEFAULT_DECODE_HOLD_LIMIT_SECONDS);
    }

    /** Builds settings with the default receive buffer. */
    public static ReceiverSettings parse(String bindAddress, Integer portMin, Integer portMax, Integer receiveLoops,
                                         String allowedPeers, Integer quietLimitSeconds) {
        return parse(bindAddress, portMin, portMax, receiveLoops, allowedPeers, quietLimitSeconds,
                DEFAULT_RECEIVE_BUFFER_BYTES);
    }

    /** Builds settings with the default quiet limit. */
    public static ReceiverSettings parse(String bindAddress, Integer portMin, Integer portMax, Integer receiveLoops,
                                         String allowedPeers) {
        return parse(bindAddress, portMin, portMax, receiveLoops, allowedPeers, DEFAULT_QUIET_LIMIT_SECONDS);
    }

    /** A copy with another quiet limit (tests use fractions of a second). */
    public ReceiverSettings withQuietLimit(Duration limit) {
        return new ReceiverSettings(bindAddress, portMin, portMax, receiveLoops, allowedPeers, limit,
                receiveBufferBytes, decodeHoldLimit, streamsPerPort, portSharing);
    }

    /** A copy whose G.711 and L16 streams all share ports, {@code streams} to a port (1: a port per stream). */
    public ReceiverSettings withStreamsPerPort(int streams) {
        return withStreamsPerPort(streams, PortSharing.ALL);
    }

    /** A copy whose G.711 and L16 streams share ports, {@code streams} to a port, as {@code sharing} says. */
    public ReceiverSettings withStreamsPerPort(int streams, PortSharing sharing) {
        return new ReceiverSettings(bindAddress, portMin, portMax, receiveLoops, allowedPeers, quietLimit,
                receiveBufferBytes, decodeHoldLimit, streams, sharing);
    }

    /** A copy with another decode hold limit (tests use a second). */
    public ReceiverSettings withDecodeHoldLimit(Duration limit) {
        return new ReceiverSettings(bindAddress, portMin, portMax, receiveLoops, allowedPeers, quietLimit,
                receiveBufferBytes, limit, streamsPerPort, portSharing);
    }

    /** RTP/RTCP port pairs in the range. */
    public int portPairs() {
        return (portMax - firstRtpPort() + 1) / 2;
    }

    /** The first RTP port of the range. */
    public int firstRtpPort() {
        return firstEven(portMin);
    }

    private static int firstEven(int port) {
        return (port + 1) & ~1;
    }

    /** An expression the deployment did not expand would otherwise surface as an odd host-name error. */
    private static void requireExpanded(String property, String value) {
        if (value != null && value.contains("${")) {
            throw new IllegalArgumentException(property + " holds an unexpanded expression '" + value
                    + "': is the ee subsystem's jboss-descriptor-property-replacement off?");
        }
    }
}
