package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.adapter.fixtures.FreePorts;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamStatistics;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A receiver over real sockets on 127.0.0.1 for one test: a range of port pairs free when the test starts it, its
 * loops on a plain thread pool instead of a WorkManager, a folder for its files, and the events it publishes (each
 * stamped with the {@link System#nanoTime()} it was published at). After each test it stops the receiver and asserts
 * that the loops ended with it. Register with {@code @RegisterExtension}, one per test class.
 */
public final class ReceiverFixture implements BeforeEachCallback, AfterEachCallback {

    private final int pairs;
    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<StreamEvent, Long> publishedNanos = new ConcurrentHashMap<>();
    private ExecutorService threads;
    private Path folder;
    private FreePorts.Range ports;
    private RtpReceiver receiver;

    /** @param pairs how many RTP/RTCP port pairs the receiver's range holds, unless a test asks for another size */
    public ReceiverFixture(int pairs) {
        this.pairs = pairs;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        events.clear();
        publishedNanos.clear();
        threads = Executors.newCachedThreadPool();
        folder = Files.createTempDirectory("rtp-receiver-");
        ports = null;
        receiver = null;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (receiver != null) {
                receiver.stop(Duration.ofSeconds(5));
            }
            threads.shutdown();
            assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS), "receive loops must end with the receiver");
        } finally {
            deleteFolder();
        }
    }

    /** Settings of {@code loops} loops over a range of the fixture's number of pairs, free now. */
    public ReceiverSettings settings(int loops) {
        return settings(loops, pairs);
    }

    /** Settings of {@code loops} loops over a range of {@code rangePairs} pairs, free now; peers: 127.0.0.1. */
    public ReceiverSettings settings(int loops, int rangePairs) {
        ports = FreePorts.pairs(rangePairs);
        return ReceiverSettings.parse("127.0.0.1", ports.first(), ports.last(), loops, "127.0.0.1");
    }

    /** Starts a receiver of {@code loops} loops that writes WAV files and publishes to {@link #events()}. */
    public RtpReceiver start(int loops) throws IOException {
        return start(settings(loops));
    }

    public RtpReceiver start(ReceiverSettings settings) throws IOException {
        return start(new RtpReceiver(settings, this::publish, Clock.systemUTC()));
    }

    /** A receiver that publishes elsewhere than {@link #events()} (metrics' sinks, or none at all). */
    public RtpReceiver start(ReceiverSettings settings, StreamEventSink sink) throws IOException {
        return start(new RtpReceiver(settings, sink, Clock.systemUTC()));
    }

    RtpReceiver start(ReceiverSettings settings, StreamFileFactory files) throws IOException {
        return start(new RtpReceiver(settings, this::publish, Clock.systemUTC(), files));
    }

    RtpReceiver start(ReceiverSettings settings, StreamFileFactory files, Duration dropReadingPeriod)
            throws IOException {
        return start(new RtpReceiver(settings, this::publish, Clock.systemUTC(), files, dropReadingPeriod));
    }

    /** As above, its ports shared as the settings say whatever receive buffer the kernel grants them. */
    RtpReceiver startSharingAnyBuffer(ReceiverSettings settings, Duration dropReadingPeriod) throws IOException {
        return start(new RtpReceiver(settings, this::publish, Clock.systemUTC(), StreamFileFactory.WAV,
                dropReadingPeriod, 0));
    }

    /**
     * A receiver whose loops' decode workers are run by {@code decodeRunner} (a test that holds them back stalls the
     * decoding of Opus), everything else on the fixture's pool.
     */
    public RtpReceiver startDecodingOn(ReceiverSettings settings, java.util.concurrent.Executor decodeRunner)
            throws IOException {
        receiver = new RtpReceiver(settings, this::publish, Clock.systemUTC());
        receiver.start(threads, decodeRunner, threads);
        return receiver;
    }

    private RtpReceiver start(RtpReceiver started) throws IOException {
        receiver = started;
        receiver.start(threads);
        return receiver;
    }

    private void publish(StreamEvent event) {
        publishedNanos.put(event, System.nanoTime());
        events.add(event);
    }

    public RtpReceiver receiver() {
        return receiver;
    }

    /** The range the receiver was given (a test that checks port numbers checks them against it). */
    public FreePorts.Range ports() {
        return ports;
    }

    public Path folder() {
        return folder;
    }

    /** The loops' pool, which the fixture shuts down after the test. */
    public ExecutorService threads() {
        return threads;
    }

    public List<StreamEvent> events() {
        return events;
    }

    /** When {@code event} was published, by {@link System#nanoTime()}. */
    public long publishedNanos(StreamEvent event) {
        return publishedNanos.get(event);
    }

    /** Packets the stream has taken so far, or -1 once it is no longer open. */
    public long received(String streamId) {
        return receiver.statistics(streamId).map(StreamStatistics::packetsReceived).orElse(-1L);
    }

    /** The one event of {@code type} of a stream, as of now (it fails if there is none, or more than one). */
    public <T extends StreamEvent> T only(Class<T> type, String streamId) {
        List<T> found = events.stream().filter(type::isInstance).map(type::cast)
                .filter(event -> event.streamId().equals(streamId)).collect(Collectors.toList());
        assertEquals(1, found.size(), type.getSimpleName() + " events of " + streamId + ": " + events);
        return found.get(0);
    }

    /** The one Closed event of a stream, waiting for it if need be. */
    public StreamEvent.Closed closed(String streamId) throws InterruptedException {
        Await.until(() -> events.stream().anyMatch(e -> e instanceof StreamEvent.Closed
                && e.streamId().equals(streamId)), "Closed of " + streamId);
        return only(StreamEvent.Closed.class, streamId);
    }

    /** How many Closed events were published, of every stream. */
    public long closedCount() {
        return events.stream().filter(StreamEvent.Closed.class::isInstance).count();
    }

    private void deleteFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
