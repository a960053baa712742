package org.activerecorder.testsupport.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * A port the system says is free, for a SIP stack to listen on. JAIN-SIP refuses port 0, so the system picks one
 * for a socket of ours, which is closed again for the stack to take. Another process could take it in between:
 * unlikely on a test machine, and the stack would then fail to start, loudly.
 */
public final class FreePort {

    private FreePort() {
    }

    /** A port free for every transport given ({@code udp}, {@code tcp}) on {@code host}. */
    public static int forSip(String host, String... transports) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(host, 0))) {
                int candidate = udp.getLocalPort();
                if (!List.of(transports).contains("tcp")) {
                    return candidate;
                }
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.bind(new InetSocketAddress(host, candidate));
                    return candidate;
                } catch (BindException taken) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no port free for " + List.of(transports) + " on " + host);
    }
}
