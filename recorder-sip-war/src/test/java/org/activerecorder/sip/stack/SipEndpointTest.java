package org.activerecorder.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import org.junit.jupiter.api.Test;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start and stop of a real stack on 127.0.0.1: sockets and threads come and go with it. */
class SipEndpointTest {

    static final int PORT = 15080;

    private static final SipListener IGNORING = new SipListener() {
        public void processRequest(RequestEvent event) { }
        public void processResponse(ResponseEvent event) { }
        public void processTimeout(TimeoutEvent event) { }
        public void processIOException(IOExceptionEvent event) { }
        public void processTransactionTerminated(TransactionTerminatedEvent event) { }
        public void processDialogTerminated(DialogTerminatedEvent event) { }
    };

    private static SipSettings settings(String transports) {
        return SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(PORT), SipSettings.TRANSPORTS, transports)::get);
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).filter(thread -> !thread.isDaemon()).collect(Collectors.toSet());
    }

    @Test
    void stopLeavesNoThreadAndFreesThePort() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        SipEndpoint endpoint = SipEndpoint.start(settings("udp,tcp"), StackProperties.forStack("endpoint-test"), IGNORING);
        assertEquals(2, endpoint.listeningPoints().size());
        assertTrue(liveNonDaemonThreads().stream().anyMatch(thread -> thread.getName().equals("EventScannerThread")),
                "the stack runs JAIN-SIP's event thread");
        assertTrue(((SipStackImpl) endpoint.provider().getSipStack()).getNetworkLayer()
                instanceof QueuedSendNetworkLayer, "UDP sends wait for no other thread's");
        endpoint.stop();

        Set<Thread> left = liveNonDaemonThreads();
        left.removeAll(before);
        assertEquals(List.of(), left.stream().map(Thread::getName).toList(),
                "no JAIN-SIP thread may outlive stop(): it would block an undeploy");
        try (DatagramSocket rebind = new DatagramSocket(PORT, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(rebind.isBound());
        }
    }

    @Test
    void aTakenPortFailsLoudlyAndLeavesNothingBehind() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(PORT, InetAddress.getByName("127.0.0.1"))) {
            Set<Thread> before = liveNonDaemonThreads();
            SipStartFailure failure = assertThrows(SipStartFailure.class,
                    () -> SipEndpoint.start(settings("udp"), StackProperties.forStack("endpoint-clash"), IGNORING));
            assertTrue(failure.getMessage().contains("udp 127.0.0.1:" + PORT), failure.getMessage());
            assertTrue(failure.getMessage().contains("Address already in use"), failure.getMessage());
            Set<Thread> left = liveNonDaemonThreads();
            left.removeAll(before);
            assertEquals(List.of(), left.stream().map(Thread::getName).toList());
        }
    }
}
