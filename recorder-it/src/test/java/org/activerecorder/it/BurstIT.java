package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.testsupport.WavContent;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of call ends: 300 two-party calls of 10 s, started over 3 s, so that all 600 streams end within about
 * 3 s. The README's burst command ({@code tools/burst/burst-test.sh}) plays them with SIPp, a real peer, and checks
 * through the API that every recording is COMPLETED with each party's audio whole and the exact duration; this
 * test runs that command and checks, besides, that an external JMS client received every call's
 * RecordingCompleted event, once, and that the audio of some of them is the two tones in the right channels.
 */
@ExtendWith(ArquillianExtension.class)
class BurstIT {

    private static final int CALLS = 300;
    private static final int SECONDS = 10;
    private static final int RAMP_SECONDS = 3;

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    @Test
    void threeHundredCallsEndingWithinSecondsAreAllCompletedAndAllAnnounced() throws Exception {
        RecorderServer recorder = new RecorderServer();
        String prefix = "BURSTIT" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
        Path work = Files.createDirectories(Path.of("target/" + prefix));
        try (EventSubscriber events = new EventSubscriber("admin", recorder.adminPassword(),
                "callUuid LIKE '" + prefix + "-%'")) {
            Process burst = new ProcessBuilder("bash", "../tools/burst/burst-test.sh",
                    "-n", Integer.toString(CALLS), "-s", Integer.toString(SECONDS), "-t", Integer.toString(RAMP_SECONDS),
                    "-r", RecorderServer.HOST + ":" + recorder.sipPort(), "-a", "http://" + RecorderServer.HOST + ":8080",
                    "-p", recorder.home().resolve("standalone/data/recorder/initial-admin-password").toString(),
                    "-c", prefix, "-w", work.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("burst-test.log").toFile())
                    .start();
            assertTrue(burst.waitFor(240, TimeUnit.SECONDS), "the burst command finished");
            String summary = Files.readString(work.resolve("burst-test.log"));
            assertEquals(0, burst.exitValue(), () -> "the burst command failed:\n" + summary);

            Map<String, JsonObject> announced = new HashMap<>();
            while (announced.size() < CALLS) {
                String text = events.next(Duration.ofSeconds(30));
                assertTrue(text != null, () -> "events received for " + announced.size() + " of " + CALLS + " calls");
                JsonObject event = RecorderServer.json(text).asJsonObject();
                assertEquals("RecordingCompleted", event.getString("type"), text);
                JsonObject completeness = event.getJsonObject("completeness");
                assertEquals(0, completeness.getJsonArray("reasons").size(), text);
                assertEquals(2L * SECONDS * 50, completeness.getJsonNumber("packetsReceived").longValue(),
                        () -> "every packet of both parties: " + text);
                assertNull(announced.put(event.getString("callUuid"), event), () -> "a second event: " + text);
            }
            assertNull(events.next(Duration.ofSeconds(2)), "no event beyond one per call");

            for (String call : List.of(prefix + "-001", prefix + "-" + (CALLS / 2), prefix + "-" + CALLS)) {
                JsonObject event = announced.get(call);
                HttpResponse<byte[]> audio = recorder.getAsAdmin(event.getString("audioUri"));
                assertEquals(200, audio.statusCode(), call);
                WavContent wav = WavContent.of(audio.body());
                assertEquals(wav.durationMillis(), event.getJsonNumber("durationMillis").longValue(), 1, call);
                for (int channel = 0; channel < 2; channel++) {
                    int start = wav.onset(channel, 500);
                    assertEquals(SECONDS * 1000, Math.round((wav.end(channel, 500) - start) / 8.0), 100,
                            call + ": all of channel " + channel + "'s audio");
                    assertEquals(channel == 0 ? 440 : 1000, wav.dominantFrequency(channel, start + 800, 8000), 10,
                            call + ": channel " + channel);
                }
            }
        }
    }
}
