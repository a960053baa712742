package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The receiver's configuration, validated once when the adapter starts.
 *
 * @param bindAddress   local address the RTP/RTCP sockets bind to
 * @param portMin       lowest port of the range (the first RTP port is the first even port at or above it)
 * @param portMax       highest port of the range (the last RTCP port is at most this)
 * @param receiveLoops  how many receive loops (threads) share the streams
 * @param allowedPeers  hosts media may come from
 */
public record ReceiverSettings(InetAddress bindAddress, int portMin, int portMax, int receiveLoops,
                               AllowedPeers allowedPeers) {

    /** More loops than this would only contend for the cores. */
    public static final int MAX_RECEIVE_LOOPS = 64;

    public ReceiverSettings {
        if (bindAddress == null || allowedPeers == null) {
            throw new IllegalArgumentException("bindAddress and allowedPeers are required");
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
                                         String allowedPeers) {
        requireExpanded("bindAddress", bindAddress);
        requireExpanded("allowedPeers", allowedPeers);
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress is empty");
        }
        if (portMin == null || portMax == null || receiveLoops == null) {
            throw new IllegalArgumentException("portMin, portMax and receiveLoops are required");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bindAddress does not resolve: " + bindAddress, e);
        }
        return new ReceiverSettings(address, portMin, portMax, receiveLoops, AllowedPeers.parse(allowedPeers));
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
