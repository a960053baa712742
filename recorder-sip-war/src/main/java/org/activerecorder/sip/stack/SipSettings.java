package org.activerecorder.sip.stack;

import org.activerecorder.sip.IpLiteral;
import org.activerecorder.sip.siprec.SiprecSettings;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where the recorder listens for SIP and whom it answers. Read from system properties (set them with
 * {@code -D} or in WildFly's {@code <system-properties>}); the defaults work out of the box on one
 * machine and listen on loopback only:
 * <table>
 *   <caption>SIP settings</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #BIND_ADDRESS}</td><td>127.0.0.1</td><td>local IP literal to listen on</td></tr>
 *   <tr><td>{@value #PORT}</td><td>5060</td><td>SIP port, for every transport</td></tr>
 *   <tr><td>{@value #TRANSPORTS}</td><td>udp</td><td>comma-separated: udp, tcp</td></tr>
 *   <tr><td>{@value #ALLOWED_PEERS}</td><td>127.0.0.1,::1</td><td>comma-separated IP literals of the
 *       Media Servers; requests from any other source address get 403</td></tr>
 *   <tr><td>{@value #SIPREC_CALL_ID_HEADER}</td><td>(none)</td><td>the header a SIPREC client puts the call id
 *       in; without it the call id comes from the metadata</td></tr>
 *   <tr><td>{@value #SIPREC_RECORDED_DNS}</td><td>(none)</td><td>comma-separated DNs or AoRs whose SIPREC
 *       participant is the recorded party (left channel); else the metadata's first participant is</td></tr>
 * </table>
 * Addresses must be IP literals: the recorder does no DNS lookups for its own configuration, so a slow
 * or broken resolver cannot delay or change what it listens on.
 *
 * @param bindAddress  the address the listening points bind to
 * @param port         the SIP port
 * @param transports   the transports, lower case, in the configured order
 * @param allowedPeers the source addresses requests are accepted from
 * @param siprec       how SIPREC sessions name their call and their recorded party
 */
public record SipSettings(InetAddress bindAddress, int port, List<String> transports, Set<InetAddress> allowedPeers,
                          SiprecSettings siprec) {

    public static final String BIND_ADDRESS = "recorder.sip.bind-address";
    public static final String PORT = "recorder.sip.port";
    public static final String TRANSPORTS = "recorder.sip.transports";
    public static final String ALLOWED_PEERS = "recorder.sip.allowed-peers";
    public static final String SIPREC_CALL_ID_HEADER = "recorder.siprec.call-id-header";
    public static final String SIPREC_RECORDED_DNS = "recorder.siprec.recorded-dns";

    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    static final String DEFAULT_PORT = "5060";
    static final String DEFAULT_TRANSPORTS = "udp";
    static final String DEFAULT_ALLOWED_PEERS = "127.0.0.1,::1";
    static final Set<String> SUPPORTED_TRANSPORTS = Set.of("udp", "tcp");

    public SipSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PORT + " out of range: " + port);
        }
        if (transports == null || transports.isEmpty()) {
            throw new IllegalArgumentException(TRANSPORTS + " names no transport");
        }
        for (String transport : transports) {
            if (!SUPPORTED_TRANSPORTS.contains(transport)) {
                throw new IllegalArgumentException(TRANSPORTS + ": unsupported transport '" + transport
                        + "' (supported: udp, tcp)");
            }
        }
        transports = List.copyOf(transports);
        allowedPeers = Set.copyOf(allowedPeers);
        siprec = siprec == null ? SiprecSettings.DEFAULT : siprec;
    }

    /** The settings from the JVM's system properties. */
    public static SipSettings fromSystemProperties() {
        return from(System::getProperty);
    }

    /**
     * The settings from any property source (a map's {@code get} in tests).
     *
     * @throws IllegalArgumentException naming the property when a value is invalid
     */
    public static SipSettings from(UnaryOperator<String> properties) {
        InetAddress bind = ipLiteral(BIND_ADDRESS, value(properties, BIND_ADDRESS, DEFAULT_BIND_ADDRESS));
        int port;
        String portText = value(properties, PORT, DEFAULT_PORT);
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(PORT + " is not a number: '" + portText + "'");
        }
        List<String> transports = new ArrayList<>(new LinkedHashSet<>(
                list(value(properties, TRANSPORTS, DEFAULT_TRANSPORTS).toLowerCase(Locale.ROOT))));
        Set<InetAddress> peers = new LinkedHashSet<>();
        for (String peer : list(value(properties, ALLOWED_PEERS, DEFAULT_ALLOWED_PEERS))) {
            peers.add(ipLiteral(ALLOWED_PEERS, peer));
        }
        SiprecSettings siprec = new SiprecSettings(
                Optional.ofNullable(properties.apply(SIPREC_CALL_ID_HEADER)),
                list(value(properties, SIPREC_RECORDED_DNS, "")));
        return new SipSettings(bind, port, transports, peers, siprec);
    }

    private static String value(UnaryOperator<String> properties, String name, String fallback) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static InetAddress ipLiteral(String property, String text) {
        return IpLiteral.parse(text).orElseThrow(() ->
                new IllegalArgumentException(property + ": '" + text + "' is not an IP address literal"));
    }

    @Override
    public String toString() {
        return transports + " on " + bindAddress.getHostAddress() + ":" + port + ", allowed peers "
                + allowedPeers.stream().map(InetAddress::getHostAddress).toList();
    }
}
