package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.TwoPartyCall;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.rtp.RtpScript;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stereo file's two checksums, end to end, with {@code recorder.file-sha256=after-completion} set over the API: a
 * 15-second call (long enough for its file to be built while it goes on) completes with its audio data's SHA-256 and
 * without the file's, which the sweep then takes and publishes in {@code RecordingFileHashed}; both must be the
 * SHA-256 of what the API hands out (the whole file, and its bytes after the 44-byte header), the row must hold both,
 * and the download must carry the file's as its ETag once it is known. A call after the setting is taken back
 * completes with both at once again.
 */
@ExtendWith(ArquillianExtension.class)
class FileSha256AfterCompletionIT {

    private static final String PREFIX = "ITHASH" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String SETTING = "/api/settings/recorder.file-sha256";
    private static final int SECONDS = 15;

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    @Test
    void theCompletionComesWithTheAudioDatasChecksumAndTheFilesFollowsFromTheSweep() throws Exception {
        RecorderServer recorder = new RecorderServer();
        String password = recorder.adminPassword();
        String callUuid = PREFIX + "LATER";
        HttpResponse<byte[]> set = recorder.send("PUT", SETTING, "{\"value\":\"after-completion\"}", "admin",
                password);
        assertEquals(200, set.statusCode(), () -> text(set));
        try (EventSubscriber events = new EventSubscriber("admin", password, "callUuid = '" + callUuid + "'");
             MediaServerSimulator mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0)) {
            RecordedCall call = play(recorder, mediaServer, callUuid);
            assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());

            JsonObject completed = awaitEvent(events, "RecordingCompleted", Duration.ofSeconds(30));
            byte[] file = audio(recorder, call.id());
            assertFalse(completed.containsKey("sha256"), () -> "the file's is left for later: " + completed);
            assertEquals(sha256(file, 44), completed.getString("audioSha256"),
                    "the audio data's: the bytes after the header, taken as they were written");

            JsonObject hashed = awaitEvent(events, "RecordingFileHashed", Duration.ofSeconds(40));
            assertEquals(sha256(file, 0), hashed.getString("sha256"), "the file as the API hands it out");
            assertEquals(completed.getString("audioSha256"), hashed.getString("audioSha256"));
            assertEquals(call.id(), hashed.getJsonNumber("recordingId").longValue());
            assertEquals(completed.getString("file"), hashed.getString("file"));

            JsonObject row = RecorderServer.json(recorder.getAsAdmin("/api/recordings/" + call.id())).asJsonObject();
            assertEquals(hashed.getString("sha256"), row.getString("sha256"), "stored");
            assertEquals(hashed.getString("audioSha256"), row.getString("audioSha256"), "stored");
            HttpResponse<byte[]> download = recorder.getAsAdmin("/api/recordings/" + call.id() + "/audio");
            assertEquals("\"" + hashed.getString("sha256") + "\"", download.headers().firstValue("ETag").orElse(""),
                    "the download is tagged once the file's checksum is known");
        } finally {
            HttpResponse<byte[]> reset = recorder.send("DELETE", SETTING, null, "admin", password);
            assertEquals(200, reset.statusCode(), () -> text(reset));
        }

        String again = PREFIX + "ATONCE";
        try (EventSubscriber events = new EventSubscriber("admin", password, "callUuid = '" + again + "'");
             MediaServerSimulator mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0)) {
            RecordedCall call = play(recorder, mediaServer, again);
            JsonObject completed = awaitEvent(events, "RecordingCompleted", Duration.ofSeconds(30));
            byte[] file = audio(recorder, call.id());
            assertEquals(sha256(file, 0), completed.getString("sha256", null), "at the completion, the default");
            assertEquals(sha256(file, 44), completed.getString("audioSha256"));
            assertNull(events.next(Duration.ofSeconds(12)), "no RecordingFileHashed follows");
        }
    }

    private static RecordedCall play(RecorderServer recorder, MediaServerSimulator mediaServer, String callUuid)
            throws Exception {
        return TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create().audio(ToneSource.encoded(440, SECONDS * 8000, true)),
                session -> RtpScript.create().audio(ToneSource.encoded(1000, SECONDS * 8000, true)));
    }

    /** The first event of that type about the subscriber's call; the others before it are passed over. */
    private static JsonObject awaitEvent(EventSubscriber events, String type, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> passed = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String text = events.next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (text == null) {
                break;
            }
            JsonObject event = RecorderServer.json(text).asJsonObject();
            if (type.equals(event.getString("type"))) {
                return event;
            }
            passed.add(event.getString("type"));
        }
        throw new AssertionError("no " + type + " within " + timeout + "; passed over " + passed);
    }

    private static byte[] audio(RecorderServer recorder, long recordingId) throws Exception {
        HttpResponse<byte[]> audio = recorder.getAsAdmin("/api/recordings/" + recordingId + "/audio");
        assertEquals(200, audio.statusCode());
        assertTrue(audio.body().length > 44 + SECONDS * 8000 * 4, "the whole call's frames");
        return audio.body();
    }

    private static String sha256(byte[] bytes, int from) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(bytes, from, bytes.length - from);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }
}
