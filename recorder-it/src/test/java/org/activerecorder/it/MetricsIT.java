package org.activerecorder.it;

import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.TwoPartyCall;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.rtp.RtpScript;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.activerecorder.it.support.TwoPartyCall.AGENT_DN;
import static org.activerecorder.it.support.TwoPartyCall.CUSTOMER_DN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code GET /api/metrics} on the real server: a two-party call recorded between two scrapes moves the figures by
 * exactly what it was (the packets both parties sent, one more completed recording, two streams closed as requested,
 * two INVITEs and two BYEs), and only a login with role {@code metrics} or {@code admin} may scrape (none: 401, a
 * supervisor: 403).
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final String PREFIX = "ITME" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String SCRAPER = PREFIX.toLowerCase() + "-scraper";
    private static final String SUPERVISOR = PREFIX.toLowerCase() + "-supervisor";
    private static final String SCRAPER_PASSWORD = ItUsers.newPassword();
    private static final String SUPERVISOR_PASSWORD = ItUsers.newPassword();

    private static final String RECEIVED = "recorder_rtp_packets_received_total";
    private static final String LOST = "recorder_rtp_packets_lost_total";
    private static final String COMPLETED = "recorder_recordings{state=\"COMPLETED\"}";
    private static final String CLOSED_REQUESTED = "recorder_rtp_streams_closed_total{reason=\"REQUESTED\"}";
    private static final String STREAMS_OPEN = "recorder_rtp_streams_open";
    private static final String INVITES = "recorder_sip_requests_total{method=\"INVITE\"}";
    private static final String BYES = "recorder_sip_requests_total{method=\"BYE\"}";
    private static final String OUTBOX_SENT = "recorder_outbox_messages_sent_total";
    private static final String OUTBOX_FAILURES = "recorder_outbox_failures_total";
    private static final String OUTBOX_PENDING = "recorder_outbox_messages_pending";
    private static final String FILES_AWAITING_REMOVAL = "recorder_stream_files_awaiting_removal";
    private static final String FILES_NOT_REMOVED = "recorder_stream_files_not_removed_total";
    private static final String FILES_AWAITING_SHA256 = "recorder_recordings_awaiting_file_sha256";

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    /** A monitoring scraper (role metrics) and a supervisor, with this run's passwords. */
    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("metrics-users.war", new ItUsers.Account(SCRAPER, SCRAPER_PASSWORD, "metrics"),
                new ItUsers.Account(SUPERVISOR, SUPERVISOR_PASSWORD, "supervisor"));
    }

    @BeforeAll
    static void connect() throws Exception {
        recorder = new RecorderServer();
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (mediaServer != null) {
            mediaServer.close();
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aRecordedCallMovesTheFiguresByExactlyWhatItWas() throws Exception {
        Map<String, Double> before = scrape();
        assertTrue(before.containsKey(RECEIVED) && before.containsKey(COMPLETED), () -> "scraped: " + before.keySet());

        String callUuid = PREFIX + "CALL";
        RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create().audio(tone(440, 2000)),
                session -> RtpScript.create().audio(tone(1000, 2000)));
        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        long sent = call.agent().audioPackets() + call.customer().audioPackets();
        long receivedByStreams = call.stream(AGENT_DN).counter("packetsReceived") + call.stream(CUSTOMER_DN).counter("packetsReceived");
        assertEquals(sent, receivedByStreams, () -> "the streams' own counters: " + call.streamsInBrief());

        // the RecordingCompleted event leaves through the outbox after the completion commits
        Map<String, Double> after = awaitScrape(now -> now.get(COMPLETED) >= before.get(COMPLETED) + 1
                        && now.get(OUTBOX_SENT) >= before.get(OUTBOX_SENT) + 1,
                "the completed recording counted, and its event sent");
        assertEquals(0, after.get(OUTBOX_FAILURES) - before.get(OUTBOX_FAILURES), "the broker took every message");
        assertTrue(after.containsKey(OUTBOX_PENDING), () -> "scraped: " + after.keySet());
        assertTrue(after.containsKey(FILES_AWAITING_REMOVAL), () -> "scraped: " + after.keySet());
        // read from the database (NaN when the reading fails): the count query runs on this database, H2 or PostgreSQL
        assertTrue(after.getOrDefault(FILES_AWAITING_SHA256, Double.NaN) >= 0, () -> "scraped: " + after);
        assertEquals(0, after.get(FILES_NOT_REMOVED) - before.get(FILES_NOT_REMOVED), "both stream files removed");
        assertEquals(sent, after.get(RECEIVED) - before.get(RECEIVED), "packets received: what both parties sent");
        assertEquals(0, after.get(LOST) - before.get(LOST), "nothing lost on loopback");
        assertEquals(0, after.get("recorder_rtp_packets_undecoded_total")
                - before.get("recorder_rtp_packets_undecoded_total"), "G.711 is decoded on the loop: nothing undecoded");
        assertEquals(0, after.get("recorder_rtp_packets_awaiting_decode"), "no decode worker has a backlog");
        assertEquals(0, after.get("recorder_rtp_streams_held"), "no stream held for its decoding");
        assertEquals(0, after.get("recorder_rtp_decode_holds_total") - before.get("recorder_rtp_decode_holds_total"),
                "G.711 is never held for a decode worker");
        assertEquals(0, after.get("recorder_rtp_decode_overdue_holds_total")
                - before.get("recorder_rtp_decode_overdue_holds_total"));
        assertEquals(1, after.get(COMPLETED) - before.get(COMPLETED), "one more completed recording");
        assertEquals(2, after.get(CLOSED_REQUESTED) - before.get(CLOSED_REQUESTED), "both streams closed by BYE");
        assertEquals(before.get(STREAMS_OPEN), after.get(STREAMS_OPEN), "no stream left open");
        assertEquals(2, after.get(INVITES) - before.get(INVITES), "one INVITE per party");
        assertEquals(2, after.get(BYES) - before.get(BYES), "one BYE per party");
        assertTrue(after.get("recorder_rtp_audio_written_bytes_total") - before.get("recorder_rtp_audio_written_bytes_total")
                >= 2 * 2 * 8000 * 2 * 0.95, "about 2 s of 16-bit audio per stream written");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void onlyTheMetricsRoleAndAdminMayScrape() throws Exception {
        assertEquals(401, recorder.get("/api/metrics", null, null).statusCode(), "no login");
        java.net.http.HttpResponse<byte[]> supervisor = recorder.get("/api/metrics", SUPERVISOR, SUPERVISOR_PASSWORD);
        assertEquals(403, supervisor.statusCode(), "a supervisor");
        assertEquals(SUPERVISOR + " (roles: supervisor) may not use /api/metrics",
                RecorderServer.json(supervisor).asJsonObject().getString("message"), "the API's JSON error");
        assertEquals(403, recorder.get("/api/recordings", SCRAPER, SCRAPER_PASSWORD).statusCode(),
                "the scraper may read nothing else");
        HttpResponse<byte[]> scraped = recorder.get("/api/metrics", SCRAPER, SCRAPER_PASSWORD);
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                scraped.headers().toString());
        assertEquals(200, recorder.getAsAdmin("/api/metrics").statusCode(), "an admin");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void theJvmsCollectionsHeapAndThreadsAreScraped() throws Exception {
        Map<String, Double> samples = scrape();
        double collections = sum(samples, "jvm_gc_collections_total{gc=\"");
        assertTrue(collections > 0, () -> "the server has collected since it started: " + samples.keySet());
        assertTrue(samples.keySet().stream().anyMatch(key -> key.startsWith("jvm_gc_collection_seconds_total{gc=\"")),
                () -> "the collectors' time: " + samples.keySet());
        assertTrue(sum(samples, "jvm_memory_used_bytes{area=\"heap\"") > 1 << 20, () -> "the heap in use: " + samples);
        assertTrue(samples.getOrDefault("jvm_threads_live", 0.0) > 10, () -> "WildFly's threads: " + samples);
    }

    private static double sum(Map<String, Double> samples, String prefix) {
        return samples.entrySet().stream().filter(sample -> sample.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** The samples of one scrape, by name and labels as written. */
    private static Map<String, Double> scrape() throws Exception {
        HttpResponse<byte[]> response = recorder.get("/api/metrics", SCRAPER, SCRAPER_PASSWORD);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(200, response.statusCode(), text);
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
        }
        return samples;
    }

    /** Scrapes until {@code condition} holds (the figures are read afresh at most every half second). */
    private static Map<String, Double> awaitScrape(Predicate<Map<String, Double>> condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Double> samples = scrape();
        while (!condition.test(samples)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; last scrape: " + samples);
            }
            Thread.sleep(200);
            samples = scrape();
        }
        return samples;
    }

    private static byte[] tone(int frequency, int millis) {
        return ToneSource.encoded(frequency, millis * 8, true);
    }
}
