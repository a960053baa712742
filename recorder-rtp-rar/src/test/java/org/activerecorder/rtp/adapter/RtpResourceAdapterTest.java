package org.activerecorder.rtp.adapter;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.HintsContext;
import org.activerecorder.rtp.adapter.delivery.RecordingEndpointFactory;
import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.adapter.fixtures.FreePorts;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.rtp.adapter.receive.RtpReceiver;
import org.activerecorder.rtp.adapter.work.HintedWork;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter through its JCA contracts, on a stand-in WorkManager; five port pairs of 127.0.0.1 free at the start. */
class RtpResourceAdapterTest {

    @TempDir
    Path folder;

    private final TestBootstrapContext context = new TestBootstrapContext();
    private final RtpResourceAdapter adapter = new RtpResourceAdapter();
    private final FreePorts.Range ports = FreePorts.pairs(5);

    @BeforeEach
    void configure() {
        adapter.setPortMin(ports.first());
        adapter.setPortMax(ports.last());
        adapter.setReceiveLoops(2);
        adapter.setDeliveryWorkers(2);
    }

    @AfterEach
    void stop() throws InterruptedException {
        adapter.stop();
        assertTrue(context.shutdown(), "every work ended with the adapter");
    }

    @Test
    void startsOneLongRunningWorkPerReceiveLoopItsDecodeWorkerAndPerDeliveryWorkerTheFileClosersAndADropReader()
            throws Exception {
        adapter.start(context);

        List<String> names = new ArrayList<>();
        for (Object work : context.scheduled) {
            HintedWork hinted = assertInstanceOf(HintedWork.class, work);
            assertTrue(hinted.isLongRunning());
            names.add(((HintsContext) hinted.getWorkContexts().get(0)).getName());
        }
        names.sort(null);
        assertEquals(List.of("rtp-decode-worker", "rtp-decode-worker", "rtp-event-delivery", "rtp-event-delivery",
                "rtp-file-closer", "rtp-file-closer", "rtp-file-closer", "rtp-file-closer", "rtp-kernel-drops",
                "rtp-receive-loop", "rtp-receive-loop"), names);
    }

    @Test
    void anEjbOpensAndClosesAStreamAndAnMdbHearsAboutIt() throws Exception {
        adapter.start(context);
        RecordingEndpointFactory mdb = new RecordingEndpointFactory();
        MessageEndpointFactory endpoint = mdb.factory();
        adapter.endpointActivation(endpoint, activationSpec());
        adapter.endpointActivation(endpoint, activationSpec()); // idempotent
        RtpConnectionFactory factory = connectionFactory();

        OpenedStream opened;
        try (RtpConnection connection = factory.getConnection()) {
            opened = connection.open(new StreamSpec("call-1", AudioCodec.PCMU, 0, null, folder.resolve("call-1.wav")));
        }
        sendPackets(opened.localRtp().getPort(), 5);
        Await.until(() -> mdb.received.size() == 1, "FirstPacket delivered");
        try (RtpConnection connection = factory.getConnection()) {
            assertTrue(connection.close("call-1"));
            assertFalse(connection.close("call-1"), "already closed");
        }
        Await.until(() -> mdb.received.size() == 2, "Closed delivered");

        assertInstanceOf(StreamEvent.FirstPacket.class, mdb.received.get(0));
        StreamEvent.Closed closed = assertInstanceOf(StreamEvent.Closed.class, mdb.received.get(1));
        assertEquals(5, closed.statistics().packetsReceived());
        assertEquals(StreamEvent.CloseReason.REQUESTED, closed.reason());
        assertEquals(800, WavContent.read(closed.audioFile()).frameLength());
        for (String thread : mdb.deliveryThreads) {
            assertTrue(thread.startsWith("rtp-event-delivery-"), "delivered by a delivery worker: " + thread);
        }
        assertEquals(mdb.created.get(), mdb.released.get());
        assertEquals(1, adapter.dispatcher().activeEndpoints());
        assertEquals(7 + RtpReceiver.FILE_CLOSERS, context.scheduled.size(), "no Work per event or stream: loops never call the WorkManager");

        adapter.endpointDeactivation(endpoint, activationSpec());
        adapter.endpointDeactivation(endpoint, activationSpec()); // WildFly does this on shutdown
        assertEquals(0, adapter.dispatcher().activeEndpoints());
    }

    @Test
    void stopClosesOpenStreamsEndsItsWorkAndRefusesNewStreams() throws Exception {
        adapter.start(context);
        RtpConnectionFactory factory = connectionFactory();
        OpenedStream opened;
        try (RtpConnection connection = factory.getConnection()) {
            opened = connection.open(new StreamSpec("call-2", AudioCodec.PCMA, 8, null, folder.resolve("call-2.wav")));
        }

        adapter.stop();

        Await.until(() -> context.running.get() == 0, "receive loop works ended");
        try (DatagramChannel rebind = DatagramChannel.open()) {
            rebind.bind(opened.localRtp());
        }
        try (RtpConnection connection = factory.getConnection()) {
            assertThrows(ResourceException.class,
                    () -> connection.open(new StreamSpec("call-3", AudioCodec.PCMU, 0, null, folder.resolve("c3.wav"))));
        }
    }

    @Test
    void aClosedEventTheMdbRefusesIsDeliveredAgainUntilItIsTaken() throws Exception {
        adapter.start(context);
        RecordingEndpointFactory mdb = new RecordingEndpointFactory()
                .refusing(event -> event instanceof StreamEvent.Closed);
        adapter.endpointActivation(mdb.factory(), activationSpec());
        try (RtpConnection connection = connectionFactory().getConnection()) {
            connection.open(new StreamSpec("call-r", AudioCodec.PCMU, 0, null, folder.resolve("call-r.wav")));
            assertTrue(connection.close("call-r"));
        }
        Await.until(() -> adapter.dispatcher().retries() >= 2, "the refused Closed offered again");
        assertTrue(mdb.taken.isEmpty());

        mdb.refusing(event -> false); // the database is back

        Await.until(() -> mdb.taken.size() == 1, "the Closed taken");
        StreamEvent.Closed closed = assertInstanceOf(StreamEvent.Closed.class, mdb.taken.get(0));
        assertEquals("call-r", closed.streamId());
        // the worker counts the event delivered just after the MDB has taken it: wait for that, not just the take
        Await.until(() -> adapter.dispatcher().pending() == 0, "nothing pending once the Closed is taken");
    }

    @Test
    void aStreamWithoutPacketsForTheQuietLimitIsClosedAsNoMedia() throws Exception {
        adapter.setQuietLimitSeconds(1);
        adapter.start(context);
        RecordingEndpointFactory mdb = new RecordingEndpointFactory();
        adapter.endpointActivation(mdb.factory(), activationSpec());
        long opened = System.nanoTime();
        try (RtpConnection connection = connectionFactory().getConnection()) {
            connection.open(new StreamSpec("gone", AudioCodec.PCMU, 0, null, folder.resolve("gone.wav")));
        }

        Await.until(() -> mdb.taken.size() == 1, "the silent stream closed by the adapter");
        assertTrue(System.nanoTime() - opened >= TimeUnit.SECONDS.toNanos(1), "not before the limit");
        StreamEvent.Closed closed = assertInstanceOf(StreamEvent.Closed.class, mdb.taken.get(0));
        assertEquals(StreamEvent.CloseReason.NO_MEDIA, closed.reason());
        assertEquals(null, closed.firstSample(), "no media ever came");
        try (RtpConnection connection = connectionFactory().getConnection()) {
            assertTrue(connection.openStreamIds().isEmpty());
            assertFalse(connection.close("gone"), "already ended");
        }
    }

    @Test
    void aNegativeQuietLimitFailsTheStart() {
        adapter.setQuietLimitSeconds(-1);

        ResourceAdapterInternalException error =
                assertThrows(ResourceAdapterInternalException.class, () -> adapter.start(context));
        assertTrue(error.getMessage().contains("quietLimitSeconds"), error.getMessage());
        assertTrue(context.scheduled.isEmpty());
    }

    @Test
    void anInvalidConfigurationFailsTheStartAndSchedulesNothing() {
        adapter.setPortMin(40000);
        adapter.setPortMax(30000);

        ResourceAdapterInternalException error =
                assertThrows(ResourceAdapterInternalException.class, () -> adapter.start(context));
        assertTrue(error.getMessage().contains("port range"), error.getMessage());
        assertTrue(context.scheduled.isEmpty());
    }

    @Test
    void refusesActivationSpecsOfOtherAdapters() throws Exception {
        adapter.start(context);

        assertThrows(NotSupportedException.class,
                () -> adapter.endpointActivation(new RecordingEndpointFactory().factory(), new ActivationSpec() {
                    @Override
                    public void validate() {
                    }

                    @Override
                    public ResourceAdapter getResourceAdapter() {
                        return null;
                    }

                    @Override
                    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
                    }
                }));
    }

    @Test
    void handlesFailBeforeTheAdapterStarts() throws Exception {
        try (RtpConnection connection = connectionFactory().getConnection()) {
            assertThrows(ResourceException.class, () -> connection.close("x"));
        }
    }

    @Test
    void adaptersAreEqualByConfiguration() {
        RtpResourceAdapter same = new RtpResourceAdapter();
        same.setPortMin(ports.first());
        same.setPortMax(ports.last());
        same.setReceiveLoops(2);
        same.setDeliveryWorkers(2);

        assertEquals(adapter, same);
        assertEquals(adapter.hashCode(), same.hashCode());
        same.setAllowedPeers("*");
        assertNotEquals(adapter, same);
        same.setAllowedPeers(adapter.getAllowedPeers());
        same.setQuietLimitSeconds(60);
        assertNotEquals(adapter, same);
        same.setQuietLimitSeconds(adapter.getQuietLimitSeconds());
        same.setDeliveryWorkers(6);
        assertNotEquals(adapter, same);
    }

    private RtpConnectionFactory connectionFactory() throws ResourceException {
        RtpManagedConnectionFactory managed = new RtpManagedConnectionFactory();
        managed.setResourceAdapter(adapter);
        return (RtpConnectionFactory) managed.createConnectionFactory();
    }

    private RtpActivationSpec activationSpec() {
        RtpActivationSpec spec = new RtpActivationSpec();
        spec.setResourceAdapter(adapter);
        return spec;
    }

    private static void sendPackets(int port, int count) throws IOException {
        byte[] tone = ToneSource.encoded(440, count * 160, true);
        try (DatagramChannel sender = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (int i = 0; i < count; i++) {
                byte[] packet = rtp().payloadType(0).sequence(i).timestamp(i * 160L).ssrc(7)
                        .payload(Arrays.copyOfRange(tone, i * 160, (i + 1) * 160)).bytes();
                sender.send(ByteBuffer.wrap(packet), new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }
}
