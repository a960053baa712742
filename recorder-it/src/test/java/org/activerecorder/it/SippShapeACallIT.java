package org.activerecorder.it;

import jakarta.json.JsonObject;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's test call: {@code tools/sipp/shape-a-call.sh} drives two real SIPp processes (Debian
 * package sip-tester) against the deployed recorder, and the recording that comes out is checked by ear.
 */
@ExtendWith(ArquillianExtension.class)
class SippShapeACallIT {

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    @Test
    void theReadmeTestCallFromSippIsRecordedAsTwoTones() throws Exception {
        String callUuid = "SIPPIT" + Long.toHexString(System.nanoTime()).toUpperCase();
        Path work = Files.createDirectories(Path.of("target/sipp-" + callUuid));
        Process sipp = new ProcessBuilder("bash", "../tools/sipp/shape-a-call.sh",
                "-r", RecorderServer.HOST + ":" + new RecorderServer().sipPort(), "-c", callUuid, "-s", "5",
                "-w", work.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("shape-a-call.log").toFile())
                .start();
        assertTrue(sipp.waitFor(90, TimeUnit.SECONDS), "SIPp finished");
        assertEquals(0, sipp.exitValue(), () -> "SIPp call failed:\n" + read(work.resolve("shape-a-call.log"))
                + read(work.resolve("agent.out")) + read(work.resolve("customer.out")));

        RecorderServer recorder = new RecorderServer();
        JsonObject recording = recorder.awaitRecordingState(callUuid, "COMPLETED", Duration.ofSeconds(30));
        HttpResponse<byte[]> audio = recorder.getAsAdmin(
                "/api/recordings/" + recording.getJsonNumber("id").longValue() + "/audio");
        assertEquals(200, audio.statusCode());
        WavContent wav = WavContent.of(audio.body());
        assertEquals(2, wav.channels());
        assertEquals(8000f, wav.format().getSampleRate());
        assertTrue(wav.durationMillis() >= 4900 && wav.durationMillis() <= 5600,
                "5 s per party, the two started within a few hundred ms: " + wav.durationMillis() + " ms");
        int leftStart = wav.onset(0, 500);
        int rightStart = wav.onset(1, 500);
        assertEquals(440, wav.dominantFrequency(0, leftStart + 800, 16000), 10, "left: the agent, DN 1001");
        assertEquals(1000, wav.dominantFrequency(1, rightStart + 800, 16000), 10, "right: the customer");
        assertEquals(5000, Math.round((wav.end(0, 500) - leftStart) / 8.0), 100, "the agent's 5 s, all of them");
        assertEquals(5000, Math.round((wav.end(1, 500) - rightStart) / 8.0), 100, "the customer's 5 s");
    }

    @Test
    void oneSippSessionForBothPartiesIsAnsweredOnTwoLinesAndRecordsTheAgentLeft() throws Exception {
        String callUuid = "SIPPBOTH" + Long.toHexString(System.nanoTime()).toUpperCase();
        Path work = Files.createDirectories(Path.of("target/sipp-" + callUuid));
        Process sipp = new ProcessBuilder("bash", "../tools/sipp/both-parties-call.sh",
                "-r", RecorderServer.HOST + ":" + new RecorderServer().sipPort(), "-c", callUuid, "-s", "4",
                "-w", work.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("both-parties-call.log").toFile())
                .start();
        assertTrue(sipp.waitFor(90, TimeUnit.SECONDS), "SIPp finished");
        assertEquals(0, sipp.exitValue(), () -> "SIPp session failed (its scenario checks both answer lines):\n"
                + read(work.resolve("both-parties-call.log")) + read(work.resolve("both-parties.out")));

        RecorderServer recorder = new RecorderServer();
        JsonObject recording = recorder.awaitRecordingFinished(callUuid, Duration.ofSeconds(60));
        assertEquals("COMPLETED", recording.getString("state"), () -> "a silent line is not lost audio: " + recording);
        HttpResponse<byte[]> audio = recorder.getAsAdmin(
                "/api/recordings/" + recording.getJsonNumber("id").longValue() + "/audio");
        assertEquals(200, audio.statusCode());
        WavContent wav = WavContent.of(audio.body());
        assertEquals(2, wav.channels());
        int leftStart = wav.onset(0, 500);
        assertEquals(440, wav.dominantFrequency(0, leftStart + 800, 16000), 10, "left: the agent, dn=1001");
        assertEquals(4000, Math.round((wav.end(0, 500) - leftStart) / 8.0), 100, "the agent's 4 s, all of them");
        assertEquals(-1, wav.onset(1, 500), "right: the customer's line, to which SIPp sends nothing, is silent");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "(cannot read " + file + ")";
        }
    }
}
