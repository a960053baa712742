import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Session;

import javax.sip.message.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how well the recorder aligns the two parties of a call, against send times it knows: N two-party calls
 * are opened on a running recorder with the shared Media Server simulator, then ONE paced thread streams both
 * parties of every call (absolute 1 ms ticks, 20 ms PCMU packets, all streams, no thread per stream), the agent
 * of call i starting {@code i * ramp / N} after the first and its customer a known offset (0 to {@code -o} ms)
 * after its agent. Each party hangs up (BYE) when it has sent its {@code -s} seconds. Then every recording is read
 * through the API and its WAV downloaded, and per call the error of the recorded customer-agent offset is printed:
 * by the streams' {@code firstSampleAt}, and by the WAV itself (where each channel's tone starts), less the known
 * send offset. Also per stream: the start correction the recorder applied, how late it read the first packet, and
 * the absolute error of {@code firstSampleAt} against the scheduled send instant (same host, same system clock);
 * the sender's own lateness (it is the ground truth only while it keeps to its schedule); the server's CPU and its
 * receive loop's; states and loss.
 *
 * <p>Usage (tools/align/align-test.sh builds the classpath): {@code java -cp <cp> AlignCheck.java [-n calls]
 * [-s seconds] [-t ramp-seconds] [-o max-offset-ms] [-r sip-host:port] [-a http://host:port] [-p password-file]
 * [-P server-pid] [-w workdir] [-c calluuid-prefix] [-x seed] [-i invite-lead-ms]}. Without {@code -i} every session
 * is opened before the first packet; with it each party's INVITE goes {@code -i} ms before its first packet, so the
 * recorder answers INVITEs (and writes their rows) while it receives the other calls' media. Per call figures go to
 * {@code workdir/calls.csv}.
 */
public class AlignCheck {

    static final String AGENT_DN = "1001";
    static final String CUSTOMER_DN = "5551234";
    /** Where sound starts in a channel: a -6 dBFS tone passes it on its first non-zero sample. */
    static final int ONSET_THRESHOLD = 1000;

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.workdir());
        WallClock wall = WallClock.calibrate();
        List<Call> calls = plan(options);
        System.out.printf(Locale.ROOT, "align: %d calls of %d s per party to %s, agents started over %d s, "
                        + "customers 0-%d ms after their agent; work in %s%n", options.calls(), options.seconds(),
                options.sip(), options.rampSeconds(), options.maxOffsetMillis(), options.workdir());

        try (MediaServerSimulator simulator = new MediaServerSimulator("127.0.0.1", 0)) {
            List<Party> parties = new ArrayList<>();
            calls.forEach(call -> parties.addAll(List.of(call.agent, call.customer)));
            ScheduledExecutorService signalling = Executors.newScheduledThreadPool(16);
            List<Future<?>> invites;
            long t0;
            if (options.inviteLeadMillis() < 0) {
                long opening = System.nanoTime();
                invites = open(simulator, parties, signalling, options, 0);
                for (Future<?> invite : invites) {
                    invite.get();
                }
                System.out.printf(Locale.ROOT, "opened %d sessions in %.1f s%n", parties.size(),
                        (System.nanoTime() - opening) / 1e9);
                t0 = System.nanoTime() + 1_000_000_000L;
            } else {
                t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.inviteLeadMillis()) + 1_000_000_000L;
                invites = open(simulator, parties, signalling, options, t0);
            }
            for (Party party : parties) {
                party.schedule(t0);
            }
            parties.sort((a, b) -> Long.compare(a.startNanos, b.startNanos));
            List<Future<Integer>> byes = new ArrayList<>();
            PacedSender sender = new PacedSender(parties, t0, party -> {
                synchronized (byes) { // each party hangs up 200 ms after its last packet
                    byes.add(signalling.schedule(() -> simulator.bye(party.session).getStatusCode(), 200,
                            TimeUnit.MILLISECONDS));
                }
            });
            CpuSampler cpu = new CpuSampler(options.serverPid());
            cpu.start();
            Thread sending = new Thread(sender, "paced-sender");
            sending.start();
            sending.join();
            for (Future<?> invite : invites) {
                invite.get();
            }
            int byeFailures = 0;
            synchronized (byes) {
                for (Future<Integer> bye : byes) {
                    byeFailures += bye.get() == Response.OK ? 0 : 1;
                }
            }
            signalling.shutdown();
            cpu.stop();
            long allStarted = parties.stream().mapToLong(p -> p.startNanos).max().orElseThrow() + 1_000_000_000L;
            long firstEnd = parties.stream().mapToLong(Party::endNanos).min().orElseThrow() - 500_000_000L;
            sender.report(parties);
            System.out.printf(Locale.ROOT, "BYE not answered 200: %d of %d%n", byeFailures, byes.size());
            cpu.report(t0, parties.stream().mapToLong(Party::endNanos).max().orElseThrow(), allStarted, firstEnd);
        }

        RecorderApi api = new RecorderApi(options.api(), Files.readString(options.passwordFile()).trim());
        Map<String, JsonObject> recordings = api.awaitFinished(calls, Duration.ofMinutes(5));
        Results results = new Results(wall);
        for (Call call : calls) {
            results.add(call, recordings.get(call.uuid), api);
        }
        results.print(options.workdir().resolve("calls.csv"));
        System.exit(0); // JAIN-SIP 1.3.0-91 leaves its non-daemon EventScannerThread blocked after stop()
    }

    /** The calls, their agents' starts spread over the ramp and their customers' offsets drawn at random. */
    static List<Call> plan(Options options) {
        Random random = new Random(options.seed());
        byte[] agentTone = ToneSource.encoded(440, 8000, true);
        byte[] customerTone = ToneSource.encoded(1000, 8000, true);
        int packets = options.seconds() * 50;
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < options.calls(); i++) {
            // whole milliseconds keep every packet due on one of the sender's 1 ms ticks
            long agentStart = TimeUnit.MILLISECONDS.toNanos((long) i * options.rampSeconds() * 1000 / options.calls());
            long offset = TimeUnit.MILLISECONDS.toNanos(random.nextInt(options.maxOffsetMillis() + 1));
            String uuid = String.format(Locale.ROOT, "%s-%05d", options.prefix(), i);
            calls.add(new Call(uuid,
                    new Party(uuid, AGENT_DN, agentStart, packets, agentTone, random),
                    new Party(uuid, CUSTOMER_DN, agentStart + offset, packets, customerTone, random)));
        }
        return calls;
    }

    /**
     * Opens every party's session (each party's socket then connected to its recorder port): all at once when
     * {@code t0} is 0, otherwise each {@code -i} ms before the party's planned start at {@code t0}, so that the
     * recorder answers INVITEs while it receives media, as it does for real.
     */
    static List<Future<?>> open(MediaServerSimulator simulator, List<Party> parties,
                                ScheduledExecutorService signalling, Options options, long t0) {
        List<Future<?>> opened = new ArrayList<>();
        long lead = TimeUnit.MILLISECONDS.toNanos(options.inviteLeadMillis());
        for (Party party : parties) {
            long delay = t0 == 0 ? 0 : t0 + party.planNanos - lead - System.nanoTime();
            opened.add(signalling.schedule(() -> {
                party.open(simulator, options.sipHost(), options.sipPort());
                return null;
            }, delay, TimeUnit.NANOSECONDS));
        }
        return opened;
    }

    /** The command line. */
    record Options(int calls, int seconds, int rampSeconds, int maxOffsetMillis, String sip, String api,
                   Path passwordFile, long serverPid, Path workdir, String prefix, long seed, int inviteLeadMillis) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                given.put(args[i], args[i + 1]);
            }
            if (args.length % 2 != 0 || !Set.of("-n", "-s", "-t", "-o", "-r", "-a", "-p", "-P", "-w", "-c", "-x", "-i")
                    .containsAll(given.keySet())) {
                throw new IllegalArgumentException("usage: AlignCheck [-n calls] [-s seconds] [-t ramp-seconds] "
                        + "[-o max-offset-ms] [-r sip-host:port] [-a http://host:port] [-p password-file] "
                        + "[-P server-pid] [-w workdir] [-c prefix] [-x seed] [-i invite-lead-ms]");
            }
            int seconds = Integer.parseInt(given.getOrDefault("-s", "20"));
            if (seconds < 7) {
                throw new IllegalArgumentException("-s must be at least 7: the recorder estimates a start over 5 s");
            }
            return new Options(Integer.parseInt(given.getOrDefault("-n", "10")), seconds,
                    Integer.parseInt(given.getOrDefault("-t", "10")),
                    Integer.parseInt(given.getOrDefault("-o", "500")),
                    given.getOrDefault("-r", "127.0.0.1:5060"), given.getOrDefault("-a", "http://127.0.0.1:8080"),
                    Path.of(given.getOrDefault("-p",
                            "wildfly-config/target/server/standalone/data/recorder/initial-admin-password")),
                    Long.parseLong(given.getOrDefault("-P", "0")),
                    Path.of(given.getOrDefault("-w", "target/align")),
                    given.getOrDefault("-c", "ALIGN" + Long.toString(System.currentTimeMillis() / 1000, 36)
                            .toUpperCase(Locale.ROOT)),
                    Long.parseLong(given.getOrDefault("-x", "11")),
                    Integer.parseInt(given.getOrDefault("-i", "-1")));
        }

        String sipHost() {
            return sip.substring(0, sip.lastIndexOf(':'));
        }

        int sipPort() {
            return Integer.parseInt(sip.substring(sip.lastIndexOf(':') + 1));
        }
    }

    /** A two-party call: the customer starts a known offset after the agent. */
    static final class Call {
        final String uuid;
        final Party agent;
        final Party customer;

        Call(String uuid, Party agent, Party customer) {
            this.uuid = uuid;
            this.agent = agent;
            this.customer = customer;
        }

        /** The offset really sent: a party whose session was not answered in time starts late, and says so. */
        long sentOffsetNanos() {
            return customer.startNanos - agent.startNanos;
        }
    }

    /**
     * One party's stream as the sender plays it: its socket, its session, its RTP fields, its schedule (packet k is
     * due at {@code startNanos + k * 20 ms}) and how late the sender really was.
     */
    static final class Party {
        static final long PACKET_NANOS = 20_000_000L;
        static final long ESTIMATE_NANOS = 5_000_000_000L;

        final String uuid;
        final String dn;
        final int packets;
        final byte[] tone;
        final int ssrc;
        final long planNanos;
        int sequence;
        int timestamp;
        /** When sample 0 is due: {@code t0 + planNanos}, later if the session was not open by then. */
        long startNanos;
        DatagramChannel channel;
        Session session;
        volatile boolean ready;
        boolean startedLate;

        int sent;
        int sendErrors;
        long firstLateNanos;
        long minLateEarlyNanos = Long.MAX_VALUE;
        long maxLateNanos;

        Party(String uuid, String dn, long startNanos, int packets, byte[] tone, Random random) {
            this.uuid = uuid;
            this.dn = dn;
            this.planNanos = startNanos;
            this.packets = packets;
            this.tone = tone;
            this.ssrc = random.nextInt();
            this.sequence = random.nextInt(65536);
            this.timestamp = random.nextInt();
        }

        void open(MediaServerSimulator simulator, String host, int port) throws Exception {
            channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            int localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            session = simulator.open(host, port, "rec-" + uuid, MediaServerSimulator.shapeA(uuid, dn, AGENT_DN),
                    localPort);
            channel.connect(session.recorderRtp());
            ready = true;
        }

        void schedule(long t0) {
            startNanos = t0 + planNanos;
        }

        /** The session was not open when the party was due: it starts on the sender's next tick instead. */
        void postpone(long tickNanos) {
            startNanos = tickNanos;
            startedLate = true;
        }

        long dueNanos() {
            return startNanos + sent * PACKET_NANOS;
        }

        long endNanos() {
            return startNanos + packets * PACKET_NANOS;
        }

        boolean done() {
            return sent == packets;
        }

        /** Sends the next packet through {@code buffer}; {@code nowNanos} is when, for the lateness. */
        void send(ByteBuffer buffer, long nowNanos) {
            long late = nowNanos - dueNanos();
            if (sent == 0) {
                firstLateNanos = late;
            }
            if (nowNanos - startNanos < ESTIMATE_NANOS) {
                minLateEarlyNanos = Math.min(minLateEarlyNanos, late);
            }
            maxLateNanos = Math.max(maxLateNanos, late);
            buffer.clear();
            buffer.put(0, (byte) 0x80);
            buffer.put(1, (byte) (sent == 0 ? 0x80 : 0x00)); // marker on the first packet; payload type 0, PCMU
            buffer.putShort(2, (short) sequence);
            buffer.putInt(4, timestamp);
            buffer.putInt(8, ssrc);
            buffer.put(12, tone, (sent * 160) % tone.length, 160);
            buffer.limit(172);
            try {
                channel.write(buffer);
            } catch (IOException e) {
                sendErrors++; // an ICMP port unreachable from a port already closed: counted
            }
            sent++;
            sequence = (sequence + 1) & 0xFFFF;
            timestamp += 160;
        }
    }

    /**
     * One thread sends every stream, as rtpblast does: it wakes on absolute 1 ms ticks and sends every packet due.
     * Lateness (send instant less due instant) is kept per stream and in a 10 µs histogram.
     */
    static final class PacedSender implements Runnable {
        static final long TICK_NANOS = 1_000_000L;
        static final long BUCKET_NANOS = 10_000L;

        final List<Party> parties;
        final long t0;
        final java.util.function.Consumer<Party> finished;
        final long[] lateness = new long[100_001];
        long threadCpuNanos;
        long wallNanos;

        /** {@code finished} hears of each party right after its last packet (on the sender thread: it must not block). */
        PacedSender(List<Party> parties, long t0, java.util.function.Consumer<Party> finished) {
            this.parties = parties;
            this.t0 = t0;
            this.finished = finished;
        }

        @Override
        public void run() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(172);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuAtStart = threads.getCurrentThreadCpuTime();
            int done = 0;
            int firstUnfinished = 0;
            long tick = t0;
            while (done < parties.size()) {
                LockSupport.parkNanos(tick - System.nanoTime());
                long now = System.nanoTime();
                for (int i = firstUnfinished; i < parties.size(); i++) {
                    Party party = parties.get(i);
                    if (party.startNanos > now) {
                        continue;
                    }
                    if (!party.ready) {
                        party.postpone(tick + TICK_NANOS);
                        continue;
                    }
                    while (!party.done() && party.dueNanos() <= now) {
                        long sendAt = System.nanoTime();
                        lateness[(int) Math.min((sendAt - party.dueNanos()) / BUCKET_NANOS, lateness.length - 1)]++;
                        party.send(buffer, sendAt);
                        if (party.done()) {
                            done++;
                            finished.accept(party);
                        }
                    }
                }
                while (firstUnfinished < parties.size() && parties.get(firstUnfinished).done()) {
                    firstUnfinished++;
                }
                tick += TICK_NANOS;
            }
            threadCpuNanos = threads.getCurrentThreadCpuTime() - cpuAtStart;
            wallNanos = System.nanoTime() - t0;
        }

        void report(List<Party> parties) {
            long packets = Arrays.stream(lateness).sum();
            long errors = parties.stream().mapToLong(p -> p.sendErrors).sum();
            System.out.printf(Locale.ROOT, "sender: %d packets in %.1f s, %d send errors, sender thread %.2f cores; "
                            + "lateness p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms%n", packets,
                    wallNanos / 1e9, errors, threadCpuNanos / (double) wallNanos, percentile(0.5), percentile(0.99),
                    percentile(0.999), parties.stream().mapToLong(p -> p.maxLateNanos).max().orElse(0) / 1e6);
            Distribution first = Distribution.of(parties.stream().mapToDouble(p -> p.firstLateNanos / 1e6));
            Distribution floor = Distribution.of(parties.stream().mapToDouble(p -> p.minLateEarlyNanos / 1e6));
            System.out.println("sender, first packet late (ms):               " + first);
            System.out.println("sender, least lateness over first 5 s (ms):   " + floor
                    + "   <- the ground truth's own error per stream");
            long postponed = parties.stream().filter(p -> p.startedLate).count();
            if (postponed > 0) {
                System.out.println("parties started late (session not yet answered when due): " + postponed);
            }
        }

        double percentile(double q) {
            long total = Arrays.stream(lateness).sum();
            long seen = 0;
            for (int i = 0; i < lateness.length; i++) {
                seen += lateness[i];
                if (seen >= q * total) {
                    return (i + 1) * BUCKET_NANOS / 1e6;
                }
            }
            return Double.NaN;
        }
    }

    /** {@link System#nanoTime()} to wall-clock instants, from the tightest of many paired readings. */
    record WallClock(long epochNanosAtNanoZero) {
        static WallClock calibrate() {
            long best = Long.MAX_VALUE;
            long offset = 0;
            for (int i = 0; i < 1000; i++) {
                long before = System.nanoTime();
                Instant now = Instant.now();
                long after = System.nanoTime();
                if (after - before < best) {
                    best = after - before;
                    offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + after) / 2;
                }
            }
            return new WallClock(offset);
        }

        Instant at(long nanos) {
            long epochNanos = epochNanosAtNanoZero + nanos;
            return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                    Math.floorMod(epochNanos, 1_000_000_000L));
        }
    }

    /**
     * The server's CPU and its RTP receive loops' (threads named {@code rtp-receive-*}), from /proc every 250 ms;
     * nothing without a server PID.
     */
    static final class CpuSampler {
        record Sample(long nanos, long processTicks, long loopTicks) {
        }

        static final double TICKS_PER_SECOND = 100.0;

        final long pid;
        final List<Sample> samples = new ArrayList<>();
        volatile boolean running = true;
        Thread thread;

        CpuSampler(long pid) {
            this.pid = pid;
        }

        void start() {
            if (pid <= 0) {
                return;
            }
            thread = new Thread(() -> {
                while (running) {
                    Sample sample = sample();
                    synchronized (samples) {
                        samples.add(sample);
                    }
                    LockSupport.parkNanos(250_000_000L);
                }
            }, "cpu-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join();
            }
        }

        Sample sample() {
            long now = System.nanoTime();
            long process = ticks(Path.of("/proc/" + pid + "/stat"));
            long loops = 0;
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        if (Files.readString(task.resolve("comm")).startsWith("rtp-receive")) {
                            loops += ticks(task.resolve("stat"));
                        }
                    } catch (IOException gone) {
                        // the thread ended between the listing and the read
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read /proc/" + pid, e);
            }
            return new Sample(now, process, loops);
        }

        /** utime + stime of a /proc stat line (fields 14 and 15, counted after the command's closing parenthesis). */
        static long ticks(Path stat) {
            try {
                String line = Files.readString(stat);
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException e) {
                return 0;
            }
        }

        void report(long from, long to, long fullFrom, long fullTo) {
            if (samples.size() < 2) {
                return;
            }
            System.out.println("server CPU, streaming:          " + window(from, to));
            if (fullTo - fullFrom > 2_000_000_000L) {
                System.out.println("server CPU, every call streaming: " + window(fullFrom, fullTo));
            }
        }

        String window(long from, long to) {
            Sample first = null;
            Sample last = null;
            for (Sample sample : samples) {
                if (sample.nanos() >= from && first == null) {
                    first = sample;
                }
                if (sample.nanos() <= to) {
                    last = sample;
                }
            }
            if (first == null || last == null || last.nanos() <= first.nanos()) {
                return "n/a";
            }
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            return String.format(Locale.ROOT, "process %.2f cores, receive loops %.2f cores (%.1f s)",
                    (last.processTicks() - first.processTicks()) / TICKS_PER_SECOND / seconds,
                    (last.loopTicks() - first.loopTicks()) / TICKS_PER_SECOND / seconds, seconds);
        }
    }

    /** The recorder's REST API as the administrator. */
    static final class RecorderApi {
        static final int PAGE = 500;
        final String base;
        final String authorization;
        final HttpClient http = HttpClient.newHttpClient();

        RecorderApi(String base, String password) {
            this.base = base.replaceAll("/+$", "");
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        }

        /** The recording of every call, once none is ACTIVE any more (or the timeout passed). */
        Map<String, JsonObject> awaitFinished(List<Call> calls, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            Set<String> wanted = new HashSet<>();
            calls.forEach(call -> wanted.add(call.uuid));
            while (true) {
                Map<String, JsonObject> found = recordingsOf(wanted);
                boolean active = found.values().stream().anyMatch(r -> "ACTIVE".equals(r.getString("state")));
                if ((found.size() == wanted.size() && !active) || System.nanoTime() > deadline) {
                    return found;
                }
                Thread.sleep(1000);
            }
        }

        Map<String, JsonObject> recordingsOf(Set<String> wanted) throws Exception {
            Map<String, JsonObject> found = new HashMap<>();
            for (int offset = 0; found.size() < wanted.size(); offset += PAGE) {
                JsonArray page;
                try (JsonReader reader = Json.createReader(new StringReader(
                        new String(get("/api/recordings?offset=" + offset + "&limit=" + PAGE), StandardCharsets.UTF_8)))) {
                    page = reader.readArray();
                }
                for (JsonValue value : page) {
                    JsonObject recording = value.asJsonObject();
                    String call = recording.getString("callUuid");
                    if (wanted.contains(call)) {
                        found.putIfAbsent(call, recording);
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            return found;
        }

        WavContent audio(long id) throws Exception {
            return WavContent.of(get("/api/recordings/" + id + "/audio"));
        }

        byte[] get(String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(60)).GET().build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        }
    }

    /** What the recordings say, per call and in distributions. */
    static final class Results {
        final WallClock wall;
        final Map<String, Integer> states = new TreeMap<>();
        final List<String> rows = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<Double> apiErrors = new ArrayList<>();
        final List<Double> wavErrors = new ArrayList<>();
        final List<Double> corrections = new ArrayList<>();
        final List<Double> firstReadDelays = new ArrayList<>();
        final List<Double> absoluteErrors = new ArrayList<>();
        long sent;
        long received;
        long lost;
        long late;
        long expected;

        Results(WallClock wall) {
            this.wall = wall;
        }

        void add(Call call, JsonObject recording, RecorderApi api) throws Exception {
            if (recording == null) {
                states.merge("missing", 1, Integer::sum);
                problems.add(call.uuid + ": no recording");
                return;
            }
            String state = recording.getString("state");
            states.merge(state, 1, Integer::sum);
            JsonObject agent = stream(recording, AGENT_DN);
            JsonObject customer = stream(recording, CUSTOMER_DN);
            if (agent == null || customer == null || agent.isNull("firstSampleAt")
                    || customer.isNull("firstSampleAt")) {
                problems.add(call.uuid + ": recording " + recording.getJsonNumber("id") + " (" + state
                        + ") lacks a party's stream or start");
                return;
            }
            for (Party party : List.of(call.agent, call.customer)) {
                JsonObject stream = party == call.agent ? agent : customer;
                sent += party.sent;
                received += stream.getJsonNumber("packetsReceived").longValue();
                lost += stream.getJsonNumber("packetsLost").longValue();
                late += stream.getJsonNumber("packetsLate").longValue();
                expected += stream.getJsonNumber("packetsExpected").longValue();
                Instant firstSample = Instant.parse(stream.getString("firstSampleAt"));
                Instant firstPacket = Instant.parse(stream.getString("firstPacketAt"));
                Instant scheduled = wall.at(party.startNanos);
                corrections.add(millis(firstSample, firstPacket));
                firstReadDelays.add(millis(scheduled, firstPacket));
                absoluteErrors.add(millis(scheduled, firstSample));
            }
            double sentOffset = call.sentOffsetNanos() / 1e6;
            double apiOffset = millis(Instant.parse(agent.getString("firstSampleAt")),
                    Instant.parse(customer.getString("firstSampleAt")));
            double apiError = apiOffset - sentOffset;
            apiErrors.add(apiError);

            WavContent wav = api.audio(recording.getJsonNumber("id").longValue());
            int left = wav.onset(0, ONSET_THRESHOLD);
            int right = wav.onset(1, ONSET_THRESHOLD);
            double wavError = Double.NaN;
            if (left < 0 || right < 0) {
                problems.add(call.uuid + ": a channel of the WAV is silent");
            } else {
                wavError = (right - left) / 8.0 - sentOffset;
                wavErrors.add(wavError);
            }
            rows.add(String.format(Locale.ROOT, "%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f", call.uuid,
                    state, sentOffset, apiError, wavError,
                    millis(Instant.parse(agent.getString("firstSampleAt")), Instant.parse(agent.getString("firstPacketAt"))),
                    millis(Instant.parse(customer.getString("firstSampleAt")),
                            Instant.parse(customer.getString("firstPacketAt"))),
                    millis(wall.at(call.agent.startNanos), Instant.parse(agent.getString("firstSampleAt"))),
                    millis(wall.at(call.customer.startNanos), Instant.parse(customer.getString("firstSampleAt"))),
                    call.agent.minLateEarlyNanos / 1e6, call.customer.minLateEarlyNanos / 1e6));
        }

        static JsonObject stream(JsonObject recording, String dn) {
            for (JsonValue value : recording.getJsonArray("streams")) {
                JsonObject stream = value.asJsonObject();
                if (dn.equals(stream.getString("dn"))) {
                    return stream;
                }
            }
            return null;
        }

        static double millis(Instant from, Instant to) {
            return Duration.between(from, to).toNanos() / 1e6;
        }

        void print(Path csv) throws IOException {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
                out.println("call,state,sentOffsetMs,errorByFirstSampleAtMs,errorByWavMs,agentCorrectionMs,"
                        + "customerCorrectionMs,agentStartErrorMs,customerStartErrorMs,agentSenderFloorMs,"
                        + "customerSenderFloorMs");
                rows.forEach(out::println);
            }
            System.out.println("recordings: " + states + "; packets sent " + sent + ", expected " + expected
                    + ", received " + received + ", lost " + lost + ", late " + late);
            System.out.println("offset error by firstSampleAt (ms):            " + Distribution.of(apiErrors));
            System.out.println("offset error by the WAV's onsets (ms):         " + Distribution.of(wavErrors));
            System.out.println("start correction per stream (ms):              " + Distribution.of(corrections));
            System.out.println("first packet read after its send (ms):         " + Distribution.of(firstReadDelays));
            System.out.println("firstSampleAt less scheduled send (ms):        " + Distribution.of(absoluteErrors));
            problems.stream().limit(20).forEach(problem -> System.out.println("  " + problem));
            System.out.println("per call: " + csv);
        }
    }

    /** Mean, standard deviation, median, the 95th percentile and the largest of the absolute values. */
    record Distribution(int count, double mean, double stdev, double median, double p95Abs, double maxAbs) {
        static Distribution of(List<Double> values) {
            return of(values.stream().mapToDouble(Double::doubleValue));
        }

        static Distribution of(java.util.stream.DoubleStream stream) {
            double[] values = stream.filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (values.length == 0) {
                return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = Arrays.stream(values).average().orElseThrow();
            double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
            double[] absolute = Arrays.stream(values).map(Math::abs).sorted().toArray();
            return new Distribution(values.length, mean, Math.sqrt(variance), values[values.length / 2],
                    absolute[(int) Math.min(absolute.length - 1, Math.ceil(0.95 * absolute.length) - 1)],
                    absolute[absolute.length - 1]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "n %4d  median %7.2f  p95|x| %7.2f  max|x| %7.2f  stdev %6.2f  mean %7.2f",
                    count, median, p95Abs, maxAbs, stdev, mean);
        }
    }
}
