package org.activerecorder.sip.stack;

import org.activerecorder.sip.admission.SipCounters;
import org.activerecorder.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIP socket's queued sends over 127.0.0.1: callers never wait for the wire, and every datagram goes out in order. */
@Timeout(20)
class QueuedSendSocketTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final SipCounters counters = new SipCounters();
    private final DatagramSocket peer = bound();
    private GatedSocket socket;

    /**
     * A socket that holds the datagram saying "held" at a gate, fails the ones saying "fail", and remembers what it
     * sent and on which thread.
     */
    private static final class GatedSocket extends QueuedSendSocket {
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch atTheGate = new CountDownLatch(1);
        volatile boolean onTheWire = true;
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> senders = Collections.synchronizedList(new ArrayList<>());

        GatedSocket(SipCounters counters) throws SocketException {
            super(0, LOOPBACK, counters);
        }

        @Override
        void sendNow(DatagramPacket packet) throws IOException {
            String text = new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.US_ASCII);
            senders.add(Thread.currentThread());
            if (text.equals("held")) {
                atTheGate.countDown();
                try {
                    gate.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted at the gate");
                }
            }
            if (text.equals("fail")) {
                throw new SocketException("refused for the test");
            }
            sent.add(text);
            if (onTheWire) {
                super.sendNow(packet);
            }
        }
    }

    private static DatagramSocket bound() {
        try {
            DatagramSocket socket = new DatagramSocket(0, LOOPBACK);
            socket.setSoTimeout(5000);
            socket.setReceiveBufferSize(1 << 20);
            return socket;
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        if (socket != null) {
            socket.gate.countDown();
            socket.close();
        }
        peer.close();
    }

    private GatedSocket started() throws SocketException {
        socket = new GatedSocket(counters);
        return socket;
    }

    /** Another thread sends "held" and is kept sending at the gate until the test opens it. */
    private Thread holdTheSending() throws Exception {
        Thread holder = sendingThread("held", "holder", () -> { });
        assertTrue(socket.atTheGate.await(5, TimeUnit.SECONDS), "the other thread is sending");
        return holder;
    }

    /** A started thread that sends the text, then runs {@code after}. */
    private Thread sendingThread(String text, String name, Runnable after) {
        Thread thread = new Thread(() -> {
            try {
                send(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            after.run();
        }, name);
        thread.start();
        return thread;
    }

    private void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        // the caller's buffer is reused at once: what goes out must be the copy taken by send
        byte[] buffer = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, buffer, 2, bytes.length);
        DatagramPacket packet = new DatagramPacket(buffer, 2, bytes.length, peer.getLocalSocketAddress());
        socket.send(packet);
        java.util.Arrays.fill(buffer, (byte) 'x');
    }

    private String received() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        peer.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void onAnIdleSocketTheCallerSendsItsOwnDatagramFromTheSocketsPort() throws Exception {
        started();
        send("alone");

        DatagramPacket alone = new DatagramPacket(new byte[2048], 2048);
        peer.receive(alone);
        assertEquals("alone", new String(alone.getData(), 0, alone.getLength(), StandardCharsets.US_ASCII));
        assertEquals(socket.getLocalSocketAddress(), alone.getSocketAddress(), "sent from the SIP socket's own port");
        assertEquals(List.of(Thread.currentThread()), socket.senders, "no hand-over to another thread");
    }

    @Test
    void sendsReturnWhileAnotherThreadIsSendingWhichThenSendsThemInOrder() throws Exception {
        started();
        Thread holder = holdTheSending();
        for (int i = 0; i < 200; i++) {
            send("message " + i);
        }
        assertEquals(200, socket.queued(), "200 sends returned while another thread's send was held");

        socket.gate.countDown();
        assertEquals("held", received());
        for (int i = 0; i < 200; i++) {
            assertEquals("message " + i, received());
        }
        holder.join();
        assertTrue(socket.senders.stream().allMatch(thread -> thread == holder), "the sending thread sent them all");
        assertEquals(0, counters.snapshot().udpSendFailures());
    }

    @Test
    void aSendTheKernelRefusesIsCountedNotThrownAndTheNextGoesOut() throws Exception {
        started();
        send("fail");
        send("after");

        assertEquals("after", received());
        assertEquals(1, counters.snapshot().udpSendFailures());
    }

    @Test
    void closeLetsWhatIsQueuedGoOutThenRefusesMore() throws Exception {
        started();
        Thread holder = holdTheSending();
        for (int i = 0; i < 10; i++) {
            send("queued " + i);
        }
        Thread opener = new Thread(() -> {
            sleep(100);
            socket.gate.countDown();
        });
        opener.start();
        socket.close();

        assertEquals("held", received());
        for (int i = 0; i < 10; i++) {
            assertEquals("queued " + i, received(), "sent before the socket closed");
        }
        assertTrue(socket.isClosed());
        assertThrows(SocketException.class, () -> send("late"));
        opener.join();
        holder.join();
    }

    @Test
    void aFullQueueMakesTheSenderWaitAndCountsTheWait() throws Exception {
        started().onTheWire = false;
        Thread holder = holdTheSending();
        for (int i = 0; i < QueuedSendSocket.QUEUE_CAPACITY; i++) {
            send(Integer.toString(i));
        }
        assertEquals(0, counters.snapshot().udpSendQueueFull());
        CountDownLatch returned = new CountDownLatch(1);
        Thread waiting = sendingThread("one more", "waiting", returned::countDown);
        Await.until("the wait counted", PATIENCE, () -> counters.snapshot().udpSendQueueFull(), waits -> waits == 1);
        assertEquals(1, returned.getCount(), "the sender waits while the queue is full");

        socket.gate.countDown();
        assertTrue(returned.await(5, TimeUnit.SECONDS), "room made, the send goes on");
        Await.until("the queue emptied", PATIENCE, socket::queued, queued -> queued == 0);
        Await.until("every datagram sent", PATIENCE, socket.sent::size,
                sent -> sent == QueuedSendSocket.QUEUE_CAPACITY + 2);
        assertEquals("one more", socket.sent.get(socket.sent.size() - 1), "nothing lost, nothing out of order");
        waiting.join();
        holder.join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
