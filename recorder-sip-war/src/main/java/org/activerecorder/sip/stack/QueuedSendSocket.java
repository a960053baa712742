package org.activerecorder.sip.stack;

import org.activerecorder.sip.admission.SipCounters;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A SIP UDP listening point's socket on which no thread waits for another's send
 * ({@link QueuedSendNetworkLayer} hands it to JAIN-SIP). Receiving is the plain socket's.
 *
 * <p>Why: JAIN-SIP sends everything a UDP listening point sends on the one socket its message processor reads, from
 * whichever thread made the message: the SIP event thread (100 Trying, refusals), the executor threads that answer
 * INVITEs (200 OK), JAIN-SIP's timer (retransmissions), our BYEs. The JDK holds a lock per socket across
 * {@code sendto}, and on loopback {@code sendto} also does the receiver's work and wakes it. On two busy cores the
 * thread holding the lock is descheduled inside it; every other sender then waits for the lock, and each, handed the
 * lock in turn, waits again for a core. Series AO and BF (docs/performance.md) found the executor threads and the SIP
 * event thread parked on that lock for 10 ms or more hundreds of times in a 12-second window during a ramp of
 * INVITEs, and a stall of the event thread stalls every request behind it.
 *
 * <p>How: a datagram is queued (a copy: the caller may reuse its buffer), and the thread that finds nobody sending
 * sends everything queued, its own datagram first when the socket was idle, so an idle socket costs no hand-over
 * to another thread (a first version with a sending thread of its own delayed every 200 OK by that thread's wake-up:
 * series BF). A thread that finds another sending leaves its datagram to that thread and goes on. The datagrams go
 * out in the order they were queued.
 *
 * <p>What changes for JAIN-SIP: a send that fails (the kernel refuses it, no route) no longer throws to the thread
 * that made the message, which may not be the thread that sent it: it is counted ({@link SipCounters#udpSendFailed})
 * and logged, the first at once and then at most once a minute with the count. Over UDP a send that returned never
 * meant the datagram arrived, and SIP's retransmissions (ours of the 200 OK, the peer's of its requests) cover a lost
 * one either way. When {@link #QUEUE_CAPACITY} datagrams wait (the sending thread stuck), {@link #send} waits for
 * room, as it waited for the lock before, and counts the wait ({@link SipCounters#udpSendQueueFull}). {@link #close}
 * lets what is queued go out (at most {@link #CLOSE_PATIENCE_MILLIS}) before closing the socket.
 *
 * <p>Written by hand: JAIN-SIP's own NIO processor ({@code NioMessageProcessorFactory}) covers TCP and TLS, and its
 * UDP processor is the one above; no library hands JAIN-SIP a socket like this.
 */
class QueuedSendSocket extends DatagramSocket {

    /** Datagrams waiting at most: seconds of SIP at any rate a recorder sees, a few MiB at SIP's sizes. */
    static final int QUEUE_CAPACITY = 8192;
    /** How long a close waits for the queued datagrams to be sent. */
    static final long CLOSE_PATIENCE_MILLIS = 1000;

    private static final Logger LOG = Logger.getLogger(QueuedSendSocket.class.getName());
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final BlockingQueue<DatagramPacket> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final SipCounters counters;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Held by the one thread sending what is queued. */
    private final AtomicBoolean sending = new AtomicBoolean();
    // the failures' log state, touched only by the thread holding {@code sending}
    private long failures;
    private long failureLoggedAt;
    private long failuresLogged;

    /**
     * A socket bound to the address and port.
     *
     * @param counters where failed sends and waits for room are counted
     */
    QueuedSendSocket(int port, InetAddress address, SipCounters counters) throws SocketException {
        super(port, address);
        this.counters = counters;
    }

    /**
     * Queues a copy of the datagram, then sends everything queued unless another thread is doing so.
     *
     * @throws SocketException        when the socket is closing or closed
     * @throws InterruptedIOException when interrupted while waiting for room in a full queue
     */
    @Override
    public void send(DatagramPacket packet) throws IOException {
        if (closing.get()) {
            throw new SocketException("Socket is closed");
        }
        byte[] copy = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
        DatagramPacket queued = new DatagramPacket(copy, copy.length, packet.getSocketAddress());
        if (!queue.offer(queued)) {
            counters.udpSendQueueFull();
            try {
                queue.put(queued);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for room to queue a SIP datagram");
            }
        }
        sendQueued();
    }

    /** Datagrams queued and not yet taken to be sent. */
    int queued() {
        return queue.size();
    }

    /** Lets what is queued go out (at most {@link #CLOSE_PATIENCE_MILLIS}), then closes the socket. */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_PATIENCE_MILLIS);
            sendQueued();
            while ((!queue.isEmpty() || sending.get()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                sendQueued();
            }
            if (!queue.isEmpty() || sending.get()) {
                LOG.warning(() -> "SIP socket " + getLocalSocketAddress() + " closed with " + queue.size()
                        + " datagrams not sent");
            }
        }
        super.close();
    }

    /** Sends one datagram on the socket itself. */
    void sendNow(DatagramPacket packet) throws IOException {
        super.send(packet);
    }

    /**
     * Sends what is queued unless another thread holds the sending; that thread then sends what this one queued,
     * since it looks at the queue again after letting go.
     */
    private void sendQueued() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            try {
                for (DatagramPacket next = queue.poll(); next != null; next = queue.poll()) {
                    try {
                        sendNow(next);
                    } catch (IOException | RuntimeException failure) {
                        failed(next, failure);
                    }
                }
            } finally {
                sending.set(false);
            }
        }
    }

    private void failed(DatagramPacket packet, Exception failure) {
        counters.udpSendFailed();
        failures++;
        long now = System.nanoTime();
        if (failuresLogged == 0 || now - failureLoggedAt >= LOG_INTERVAL_NANOS) {
            long since = failures - failuresLogged;
            failuresLogged = failures;
            failureLoggedAt = now;
            LOG.log(Level.WARNING, "Cannot send a SIP datagram of " + packet.getLength() + " bytes to "
                    + packet.getSocketAddress() + " from " + getLocalSocketAddress() + " (" + since
                    + " not sent since the last such line, " + failures + " since start)", failure);
        }
    }
}
