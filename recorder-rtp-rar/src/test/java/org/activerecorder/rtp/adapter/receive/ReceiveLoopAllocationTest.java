package org.activerecorder.rtp.adapter.receive;

import com.sun.management.UnixOperatingSystemMXBean;
import org.activerecorder.rtp.adapter.decode.DecodeSlots;
import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The performance budget's first rule, measured: the receive loop thread allocates (next to) nothing per packet,
 * sockets, JDK and pipeline included; for one stream, and for 200 streams on one loop whose sockets have file
 * descriptors above 1024, as a loaded recorder's have (the JDK's Selector boxes each ready descriptor: see
 * {@link DescriptorBoxing}). On free port pairs of 127.0.0.1 ({@link ReceiverFixture}).
 */
class ReceiveLoopAllocationTest {

    private static final int WARM_UP = 3_000;
    private static final int MEASURED = 10_000;
    private static final double BYTES_PER_PACKET_BUDGET = 8;

    private static final int STREAMS = 200;
    private static final int WARM_UP_ROUNDS = 20;
    private static final int MEASURED_ROUNDS = 200;
    /** Stream sockets get descriptors above this. */
    private static final int HIGH_DESCRIPTOR = 1024;
    /** Descriptors the many-stream test holds at its peak: fillers to past 1024, 400 stream sockets, and slack. */
    private static final int DESCRIPTORS_NEEDED = HIGH_DESCRIPTOR + 2 * STREAMS + 300;

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(5);

    private final List<FileChannel> fillers = new ArrayList<>();
    private RtpReceiver receiver;

    @AfterEach
    void closeFillers() throws IOException {
        for (FileChannel filler : fillers) {
            filler.close();
        }
    }

    /**
     * Every codec: those decoded on the loop, G.711, L16 (8 and 16 kHz, 16 kHz files) and G.722 (a decoder with state
     * per stream), and Opus, which the loop only places and hands to its decode worker (whose decoder allocates
     * kilobytes per packet, on its own thread). Each packet is 20 ms of the codec's payload of non-zero octets (for
     * Opus, real packets of a tone), its timestamp advancing by the RTP clock.
     */
    @ParameterizedTest
    @EnumSource(names = {"PCMU", "PCMA", "L16_8000", "L16_16000", "G722", "OPUS"})
    void theLoopAllocatesLessThanAFewBytesPerPacket(AudioCodec codec) throws Exception {
        start(fixture.settings(1));
        int port = receiver.open(spec("s", codec)).localRtp().getPort();

        try (RtpSender sender = new RtpSender()) {
            send(sender, codec, port, 0, WARM_UP);
            Thread loop = loopThread();
            long before = allocatedBytes(loop);
            send(sender, codec, port, WARM_UP, MEASURED);
            long allocated = allocatedBytes(loop) - before;

            assertWithinBudget(allocated, MEASURED);
        }
    }

    @Test
    void twoHundredStreamsOnHighDescriptorsAllocateNothingPerPacketEither() throws Exception {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        assumeTrue(os instanceof UnixOperatingSystemMXBean && Files.isDirectory(Path.of("/proc/self/fd")),
                "needs a Linux /proc to see the descriptors' numbers");
        long limit = ((UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
        assumeTrue(limit >= DESCRIPTORS_NEEDED, "the open files limit (ulimit -n) is " + limit + "; this test needs "
                + DESCRIPTORS_NEEDED + ": raise it to run it");
        assertTrue(DescriptorBoxing.cached(HIGH_DESCRIPTOR + 2 * STREAMS + 100), "the JDK's Selector boxes every"
                + " ready descriptor above the Integer cache: run with " + DescriptorBoxing.JVM_OPTION
                + " (the pom's surefire argLine does, and so must the server)");
        occupyDescriptorsUpTo(HIGH_DESCRIPTOR + 50);
        start(fixture.settings(1, STREAMS + 45));
        Set<Integer> before = socketDescriptors();
        int[] ports = new int[STREAMS];
        for (int i = 0; i < STREAMS; i++) {
            ports[i] = receiver.open(spec("s" + i)).localRtp().getPort();
        }
        Set<Integer> streamSockets = socketDescriptors();
        streamSockets.removeAll(before);
        assertTrue(streamSockets.size() >= 2 * STREAMS, "the streams' sockets: " + streamSockets.size());
        int lowest = streamSockets.stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertTrue(lowest > HIGH_DESCRIPTOR, "every stream socket above descriptor 1024; lowest " + lowest);

        try (RtpSender sender = new RtpSender()) {
            sendRounds(sender, ports, 0, WARM_UP_ROUNDS);
            awaitEveryStream(WARM_UP_ROUNDS);
            Thread loop = loopThread();
            long start = allocatedBytes(loop);
            sendRounds(sender, ports, WARM_UP_ROUNDS, MEASURED_ROUNDS);
            awaitEveryStream(WARM_UP_ROUNDS + MEASURED_ROUNDS);
            long allocated = allocatedBytes(loop) - start;

            // includes the loop's side of the ~250 counter snapshots the waiting takes (~1 byte per packet)
            assertWithinBudget(allocated, (long) STREAMS * MEASURED_ROUNDS);
        }
    }

    /** Events go nowhere: the loop's allocation is measured, not a test's list. */
    private void start(ReceiverSettings settings) throws IOException {
        receiver = fixture.start(settings, event -> { });
    }

    private StreamSpec spec(String id) {
        return spec(id, AudioCodec.PCMU);
    }

    private StreamSpec spec(String id, AudioCodec codec) {
        return new StreamSpec(id, codec, payloadType(codec), null, fixture.folder().resolve(id + ".wav"));
    }

    private static int payloadType(AudioCodec codec) {
        return codec.staticPayloadType() == AudioCodec.DYNAMIC ? 96 : codec.staticPayloadType();
    }

    /**
     * Sends packets in chunks, waiting after each until the loop has taken them all, so a busy machine cannot make
     * the socket buffer overflow (the waiting costs the loop a few statistics snapshots, well under the bound). Opus
     * also waits, every half its decode slots, for the decode worker to have been handed every packet and taken it,
     * as a real sender's 20 ms would (read from the worker, so the loop is not asked): the loop's path is then that of
     * packets decoded in time (placing, handing over, taking the audio back), and a refused one would time out.
     */
    private void send(RtpSender sender, AudioCodec codec, int port, int first, int count)
            throws InterruptedException {
        long ticks = codec.clockRate() / 50;
        int samples = codec.sampleRate() / 50;
        byte[] payload = new byte[codec.encodingName().equals("L16") ? 2 * samples : (int) ticks];
        java.util.Arrays.fill(payload, (byte) 0x55);
        List<byte[]> opus = codec == AudioCodec.OPUS ? ToneSource.opus(1_000, 1_000) : List.of();
        int payloadType = payloadType(codec);
        for (int i = first; i < first + count; i++) {
            byte[] audio = opus.isEmpty() ? payload : opus.get(i % opus.size());
            sender.send(rtp().payloadType(payloadType).sequence(i).timestamp(i * ticks).ssrc(9).payload(audio)
                    .bytes(), port);
            long packets = i + 1;
            if (codec == AudioCodec.OPUS && (packets % (DecodeSlots.SLOTS / 2) == 0 || i == first + count - 1)) {
                Await.until(() -> receiver.decodersCaughtUp(packets), "every payload taken by the decode worker");
            }
            if (packets % 100 == 0 || i == first + count - 1) {
                Await.until(() -> received("s") >= packets, "packets received");
            }
        }
    }

    /**
     * One packet to every stream per round. Every ten rounds it waits for the last stream of the round: each socket
     * then holds at most a few datagrams, far from overflowing, and the loop's share of the waiting stays small.
     */
    private void sendRounds(RtpSender sender, int[] ports, int firstRound, int rounds) throws InterruptedException {
        byte[] payload = new byte[160];
        for (int round = firstRound; round < firstRound + rounds; round++) {
            for (int stream = 0; stream < ports.length; stream++) {
                sender.send(rtp().payloadType(0).sequence(round).timestamp(round * 160L).ssrc(stream)
                        .payload(payload).bytes(), ports[stream]);
            }
            if ((round + 1) % 10 == 0) {
                long packets = round + 1;
                String last = "s" + (ports.length - 1);
                Await.until(() -> received(last) >= packets, "the round received");
            }
        }
    }

    private void awaitEveryStream(long packets) throws InterruptedException {
        for (int stream = 0; stream < STREAMS; stream++) {
            String id = "s" + stream;
            Await.until(() -> received(id) == packets, id + " received everything");
        }
    }

    private long received(String id) {
        return fixture.received(id);
    }

    /** Opens descriptors until the process holds at least {@code count}, so those opened next are numbered above. */
    private void occupyDescriptorsUpTo(int count) throws IOException {
        Path file = Files.createFile(fixture.folder().resolve("filler"));
        while (openDescriptors() < count) {
            fillers.add(FileChannel.open(file, StandardOpenOption.READ));
        }
    }

    private static long openDescriptors() {
        return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
    }

    /** The numbers of this process's descriptors that are sockets, read from /proc/self/fd. */
    private static Set<Integer> socketDescriptors() throws IOException {
        Set<Integer> sockets = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
                try {
                    if (Files.readSymbolicLink(descriptor).toString().startsWith("socket:")) {
                        sockets.add(Integer.valueOf(descriptor.getFileName().toString()));
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed while we looked
                }
            }
        }
        return sockets;
    }

    private static long allocatedBytes(Thread thread) {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(thread.getId());
    }

    private static void assertWithinBudget(long allocated, long packets) {
        double perPacket = (double) allocated / packets;
        assertTrue(perPacket < BYTES_PER_PACKET_BUDGET, "receive loop allocated " + allocated + " bytes for "
                + packets + " packets (" + perPacket + " per packet)");
    }

    private static Thread loopThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("rtp-receive-0"))
                .findFirst().orElseThrow();
    }
}
