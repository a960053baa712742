package org.activerecorder.sip.stack;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import org.activerecorder.sip.admission.SipCounters;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * JAIN-SIP's network layer ({@code gov.nist.javax.sip.NETWORK_LAYER}) with one change: a UDP listening point's
 * socket is a {@link QueuedSendSocket}, on which no thread waits for another's send. Everything else (TCP sockets, the
 * unbound datagram sockets JAIN-SIP makes when it has no UDP listening point) is JAIN-SIP's default.
 *
 * <p>JAIN-SIP instantiates this class by name and then hands it the stack; the stack's counters are found by the
 * stack's name, as {@link GuardedMessageParserFactory}'s are.
 */
public final class QueuedSendNetworkLayer implements NetworkLayer {

    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
    private volatile SipCounters counters = new SipCounters();

    /** JAIN-SIP instantiates the layer by reflection, with this constructor. */
    public QueuedSendNetworkLayer() {
        // the stack comes with setSipStack
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        counters = GuardedMessageParserFactory.countersOf(stack.getStackName());
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress address) throws SocketException {
        if (address.isMulticastAddress()) {
            return plain.createDatagramSocket(port, address);
        }
        return new QueuedSendSocket(port, address, counters);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return plain.createServerSocket(port, backlog, address);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return plain.createSocket(address, port, localAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return plain.createSocket(address, port, localAddress, localPort);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return plain.createSSLServerSocket(port, backlog, address);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return plain.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return plain.createSSLSocket(address, port, localAddress);
    }
}
