package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.StandaloneServer;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.rtp.RtpSender;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.activerecorder.testsupport.WavContent;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorder's promise that a crash never loses a recording: both parties talk for 5 s, and 3 s into
 * the call the server's JVM is killed with SIGKILL while the RTP keeps coming (no BYE, no shutdown,
 * nothing flushed on the way out). The server is started again on the same data. The recording must come
 * back with both parties' audio up to at most the last second before the crash, in the right channels, and say
 * what is missing: INCOMPLETE, because the server crashed, with the rest of each stream as SERVER_RESTART silence.
 *
 * <p>This test runs its own server (a copy with the EAR deployed, ports shifted by 300) beside the one
 * Arquillian manages, because it has to kill it.
 */
class CrashRecoveryIT {

    private static final int PORT_OFFSET = 300;
    private static final int SIP_PORT = 5060 + PORT_OFFSET;
    private static final String CALL_UUID = "CRASH" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final int TALK_MS = 5000;
    private static final int CRASH_AFTER_MS = 3000;

    @Test
    void aRecordingInterruptedByACrashIsCompletedFromItsFilesWhenTheServerStartsAgain() throws Exception {
        Path template = Path.of(System.getProperty("jboss.home", "target/server"));
        try (StandaloneServer server = new StandaloneServer(template, Path.of("target/crash-server"),
                RecorderServer.ear().toPath(), PORT_OFFSET, List.of(
                "-Drecorder.sip.port=" + SIP_PORT,
                "-Drecorder.rtp.port-min=33000", "-Drecorder.rtp.port-max=33999"))) {
            server.start(Duration.ofSeconds(120));
            RecorderServer recorder = new RecorderServer(server.home(), server.httpPort(), SIP_PORT);

            try (MediaServerSimulator mediaServer = new MediaServerSimulator("127.0.0.1", 0);
                 RtpSender agentRtp = new RtpSender();
                 RtpSender customerRtp = new RtpSender()) {
                MediaServerSimulator.Session agent = mediaServer.open(RecorderServer.HOST, SIP_PORT,
                        "rec-" + CALL_UUID, MediaServerSimulator.shapeA(CALL_UUID, "1001", "1001"), agentRtp.port());
                MediaServerSimulator.Session customer = mediaServer.open(RecorderServer.HOST, SIP_PORT,
                        "rec-" + CALL_UUID, MediaServerSimulator.shapeA(CALL_UUID, "5551234", "1001"), customerRtp.port());
                CompletableFuture<?> agentTalks = CompletableFuture.runAsync(() -> agentRtp.send(
                        ToneSource.encoded(440, TALK_MS * 8, true), agent.recorderRtp()));
                CompletableFuture<?> customerTalks = CompletableFuture.runAsync(() -> customerRtp.send(
                        ToneSource.encoded(1000, TALK_MS * 8, true), customer.recorderRtp()));
                Thread.sleep(CRASH_AFTER_MS);
                assertEquals("ACTIVE", recorder.recordingOfCall(CALL_UUID).orElseThrow().getString("state"),
                        "the call is being recorded when the server dies");

                server.crash();
                CompletableFuture.allOf(agentTalks, customerTalks).get(); // into a dead port
            }

            server.start(Duration.ofSeconds(120));
            JsonObject recording = recorder.awaitRecordingState(CALL_UUID, "INCOMPLETE", Duration.ofSeconds(30));
            for (JsonObject stream : recording.getJsonArray("streams").getValuesAs(JsonObject.class)) {
                assertEquals("RECOVERED_AT_START", stream.getString("endReason"));
            }
            List<String> reasons = recording.getJsonArray("reasons").getValuesAs(JsonObject.class).stream()
                    .map(reason -> reason.getString("code")).toList();
            assertEquals(List.of("SERVER_CRASHED", "SERVER_CRASHED"), reasons, "both streams lost their end to the crash");
            HttpResponse<byte[]> audio = recorder.getAsAdmin(
                    "/api/recordings/" + recording.getJsonNumber("id").longValue() + "/audio");
            assertEquals(200, audio.statusCode());
            WavContent wav = WavContent.of(audio.body());
            assertEquals(2, wav.channels());
            // "at most the last second": plus the API call before the kill and the kill itself (~100 ms)
            assertTrue(wav.durationMillis() >= CRASH_AFTER_MS - 1200 && wav.durationMillis() <= CRASH_AFTER_MS + 300,
                    "at most the last second before the crash is lost: " + wav.durationMillis() + " ms of "
                            + CRASH_AFTER_MS);
            for (int channel = 0; channel < 2; channel++) {
                int start = wav.onset(channel, 500);
                long heardMs = Math.round((wav.end(channel, 500) - start) / 8.0);
                assertTrue(heardMs >= CRASH_AFTER_MS - 1200,
                        "channel " + channel + " kept " + heardMs + " ms of " + CRASH_AFTER_MS);
                assertEquals(channel == 0 ? 440 : 1000, wav.dominantFrequency(channel, start + 400, 8000), 10,
                        "channel " + channel);
            }
        }
    }
}
