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
 * @param receiveLoops  how many receive loops (threads) share the streams
 * @param allowedPeers  hosts media may come from
 * @param quietLimit    a stream with no packet for this long (since it opened, if none ever came) is closed with
 *                      {@code NO_MEDIA}: a sender gone without a BYE; {@link Duration#ZERO} never closes one
 */
public record ReceiverSettings(InetAddress bindAddress, int portMin, int portMax, int receiveLoops,
                               AllowedPeers allowedPeers, Duration quietLimit) {

    /** More loops than this would only contend for the cores. */
    public static final int MAX_RECEIVE_LOOPS = 64;

    /** Two hours: holds can be long, and the EJB side has its own, database-driven sweep for calls. */
    public static final int DEFAULT_QUIET_LIMIT_SECONDS = 7200;

    public ReceiverSettings {
        if (bindAddress == null || allowedPeers == null || quietLimit == null) {
            throw new IllegalArgumentException("bindAddress, allowedPeers and quietLimit are required");
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
    }

    /**
     * Builds settings from the adapter's raw config properties.
     *
     * @throws IllegalArgumentException naming the property that is wrong
     */
    public static ReceiverSettings parse(String bindAddress, Integer portMin, Integer portMax, Integer receiveLoops,
                                         String allowedPeers, Integer quietLimitSeconds) {
        requireExpanded("bindAddress", bindAddress);
        requireExpanded("allowedPeers", allowedPeers);
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress is empty");
        }
        if (portMin == null || portMax == null || receiveLoops == null || quietLimitSeconds == null) {
            throw new IllegalArgumentException("portMin, portMax, receiveLoops and quietLimitSeconds are required");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bindAddress does not resolve: " + bindAddress, e);
        }
        return new ReceiverSettings(address, portMin, portMax, receiveLoops, AllowedPeers.parse(allowedPeers),
                Duration.ofSeconds(quietLimitSeconds));
    }

    /** Builds settings with the default quiet limit. */
    public static ReceiverSettings parse(String bindAddress, Integer portMin, Integer portMax, Integer receiveLoops,
                                         String allowedPeers) {
        return parse(bindAddress, portMin, portMax, receiveLoops, allowedPeers, DEFAULT_QUIET_LIMIT_SECONDS);
    }

    /** A copy with another quiet limit (tests use fractions of a second). */
    public ReceiverSettings withQuietLimit(Duration limit) {
        return new ReceiverSettings(bindAddress, portMin, portMax, receiveLoops, allowedPeers, limit);
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
