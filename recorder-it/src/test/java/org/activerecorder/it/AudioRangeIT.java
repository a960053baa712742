package org.activerecorder.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.TwoPartyCall;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/recordings/{id}/audio} over real HTTP as a player seeks in it: one byte range per request is served
 * as exactly those bytes of the file (206), and a range taken from the middle holds the audio of that moment of the
 * call (both parties' tones); what the server may ignore gets the whole file; a range past the end is a 416 that names
 * the length; {@code If-Range} serves the range only with the file's ETag, its SHA-256. A player's seeks are one
 * {@code AUDIO_DOWNLOADED} entry, a read from the start always one, and a user whose first read is a range still gets
 * one.
 */
@ExtendWith(ArquillianExtension.class)
class AudioRangeIT {

    private static final String PREFIX = "ITAR" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final ItUsers.Account LISTENER = ItUsers.Account.of(PREFIX, "listener", "supervisor");
    private static final ItUsers.Account SEEKER = ItUsers.Account.of(PREFIX, "seeker", "supervisor");
    private static final ItUsers.Account AUDITOR = ItUsers.Account.of(PREFIX, "auditor", "auditor");
    private static final int AGENT_HZ = 440;
    private static final int CUSTOMER_HZ = 1000;
    private static final int CALL_MILLIS = 3000;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;
    private static RecordedCall call;
    private static byte[] file;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("audio-range-users.war", LISTENER, SEEKER, AUDITOR);
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
    void eachRangeIsExactlyThoseBytesAndAMiddleOneHoldsThatMomentOfTheCall() throws Exception {
        String etag = '"' + recorded().recording().getString("sha256") + '"';
        String audio = audioPath();
        int length = file.length;

        HttpResponse<byte[]> whole = get(audio, LISTENER, null, null);
        assertEquals(200, whole.statusCode());
        assertEquals("bytes", header(whole, "Accept-Ranges"));
        assertEquals(etag, header(whole, "ETag"), "the ETag is the recording's sha256");
        assertArrayEquals(file, whole.body());

        int dataStart = dataStart(file);
        int second = 8000 * 4; // bytes of one second of 8 kHz 16-bit stereo
        int from = dataStart + second; // the call's second 1 to 2: both parties speak
        int to = from + second / 2 - 1;
        HttpResponse<byte[]> middle = get(audio, LISTENER, "bytes=" + from + "-" + to, null);
        assertEquals(206, middle.statusCode());
        assertEquals("bytes " + from + "-" + to + "/" + length, header(middle, "Content-Range"));
        assertEquals(String.valueOf(second / 2), header(middle, "Content-Length"));
        assertEquals(etag, header(middle, "ETag"));
        assertArrayEquals(Arrays.copyOfRange(file, from, to + 1), middle.body());
        WavContent moment = WavContent.of(wav(middle.body()));
        assertEquals(AGENT_HZ, moment.dominantFrequency(LEFT, 0, moment.frames()), 20, "the agent, at second 1");
        assertEquals(CUSTOMER_HZ, moment.dominantFrequency(RIGHT, 0, moment.frames()), 20, "the customer, at second 1");

        HttpResponse<byte[]> open = get(audio, LISTENER, "bytes=" + (length - 1000) + "-", null);
        assertEquals(206, open.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, length - 1000, length), open.body());
        HttpResponse<byte[]> suffix = get(audio, LISTENER, "bytes=-500", null);
        assertEquals(206, suffix.statusCode());
        assertEquals("bytes " + (length - 500) + "-" + (length - 1) + "/" + length, header(suffix, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(file, length - 500, length), suffix.body());
        HttpResponse<byte[]> clipped = get(audio, LISTENER, "bytes=0-" + (length + 100_000), null);
        assertEquals(206, clipped.statusCode());
        assertArrayEquals(file, clipped.body(), "a range past the end is clipped to it");

        HttpResponse<byte[]> past = get(audio, LISTENER, "bytes=" + length + "-", null);
        assertEquals(416, past.statusCode());
        assertEquals("bytes */" + length, header(past, "Content-Range"));
        assertTrue(new String(past.body(), StandardCharsets.UTF_8).contains(length + " bytes"), text(past));

        HttpResponse<byte[]> several = get(audio, LISTENER, "bytes=0-99,200-299", null);
        assertEquals(200, several.statusCode(), "several ranges: the whole file");
        assertArrayEquals(file, several.body());

        HttpResponse<byte[]> same = get(audio, LISTENER, "bytes=100-199", etag);
        assertEquals(206, same.statusCode(), "If-Range with the file's ETag");
        assertArrayEquals(Arrays.copyOfRange(file, 100, 200), same.body());
        HttpResponse<byte[]> changed = get(audio, LISTENER, "bytes=100-199", "\"not-this-file\"");
        assertEquals(200, changed.statusCode(), "If-Range with another ETag: the whole file");
        assertArrayEquals(file, changed.body());
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aPlayersSeeksAreOneAuditEntryAndAReadFromTheStartAlwaysOne() throws Exception {
        recorded();
        String audio = audioPath();
        assertEquals(0, downloads(SEEKER));

        assertEquals(206, get(audio, SEEKER, "bytes=0-", null).statusCode(), "the player's first request");
        assertEquals(1, downloads(SEEKER));
        assertEquals(206, get(audio, SEEKER, "bytes=20000-", null).statusCode(), "a seek");
        assertEquals(206, get(audio, SEEKER, "bytes=40000-49999", null).statusCode(), "another");
        assertEquals(200, head(audio, SEEKER).statusCode(), "a HEAD hands out nothing");
        assertEquals(416, get(audio, SEEKER, "bytes=" + file.length + "-", null).statusCode());
        assertEquals(1, downloads(SEEKER), "the seeks, the HEAD and the 416 wrote nothing more");

        assertEquals(200, get(audio, SEEKER, null, null).statusCode(), "a download of the whole file");
        assertEquals(2, downloads(SEEKER), "a read from the start is always an entry");

        assertEquals(206, get(audio, AUDITOR, "bytes=30000-", null).statusCode(), "a first read that is a seek");
        assertEquals(1, downloads(AUDITOR), "no byte leaves without an entry for its user");
    }

    /** The call, played once for both tests: the agent at 440 Hz and the customer at 1000 Hz for three seconds. */
    private static synchronized RecordedCall recorded() throws Exception {
        if (call == null) {
            call = TwoPartyCall.play(recorder, mediaServer, PREFIX + "CALL",
                    session -> RtpScript.create().audio(ToneSource.encoded(AGENT_HZ, CALL_MILLIS * 8, true)),
                    session -> RtpScript.create().audio(ToneSource.encoded(CUSTOMER_HZ, CALL_MILLIS * 8, true)));
            assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
            file = recorder.getAsAdmin(audioPath()).body();
            assertTrue(call.audio().durationMillis() >= CALL_MILLIS, () -> "recorded " + call.audio().durationMillis());
        }
        return call;
    }

    private static String audioPath() {
        return "/api/recordings/" + call.id() + "/audio";
    }

    /** How many AUDIO_DOWNLOADED entries the log has for the user and this call's recording. */
    private static long downloads(ItUsers.Account user) throws Exception {
        HttpResponse<byte[]> response = recorder.getAsAdmin("/api/audit?limit=1000&user=" + user.name()
                + "&recordingId=" + call.id());
        assertEquals(200, response.statusCode(), () -> text(response));
        JsonArray entries = RecorderServer.json(response).asJsonArray();
        return entries.stream().map(JsonValue::asJsonObject)
                .filter(entry -> "AUDIO_DOWNLOADED".equals(entry.getString("action"))).count();
    }

    private static HttpResponse<byte[]> get(String path, ItUsers.Account user, String range, String ifRange)
            throws Exception {
        HttpRequest.Builder request = request(path, user).GET();
        if (range != null) {
            request.header("Range", range);
        }
        if (ifRange != null) {
            request.header("If-Range", ifRange);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> head(String path, ItUsers.Account user) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request(path, user).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(0, response.body().length, "no body");
        return response;
    }

    private static HttpRequest.Builder request(String path, ItUsers.Account user) {
        String basic = Base64.getEncoder().encodeToString((user.name() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://" + RecorderServer.HOST + ":8080" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Where the WAV's samples start: after the {@code data} chunk's header. */
    private static int dataStart(byte[] wav) {
        for (int i = 12; i + 8 <= wav.length; ) {
            String id = new String(wav, i, 4, StandardCharsets.US_ASCII);
            int size = ByteBuffer.wrap(wav, i + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (id.equals("data")) {
                return i + 8;
            }
            i += 8 + size + (size & 1);
        }
        throw new AssertionError("no data chunk in the WAV");
    }

    /** The file's own header in front of {@code samples}, its sizes set to theirs: a WAV of just that moment. */
    private static byte[] wav(byte[] samples) {
        int dataStart = dataStart(file);
        assertEquals(0, samples.length % 4, "whole stereo frames");
        byte[] wav = Arrays.copyOf(file, dataStart + samples.length);
        System.arraycopy(samples, 0, wav, dataStart, samples.length);
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(4, wav.length - 8);
        header.putInt(dataStart - 4, samples.length);
        return wav;
    }
}
