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
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's SIPREC session: {@code tools/sipp/siprec-session.sh} drives a real SIPp (Debian package sip-tester)
 * as a Session Recording Client against the deployed recorder. Its scenario fails unless the answer is an SRS's
 * (labels echoed, recvonly, {@code +sip.srs}, {@code Require: siprec}); the recording is then checked by ear: SIPp's
 * tone goes to the first m-line, which the metadata says is the OTHER party's, so it must come out on the right.
 */
@ExtendWith(ArquillianExtension.class)
class SippSiprecIT {

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    @Test
    void aSippSiprecSessionIsAnsweredAsAnSrsAndItsFirstLineRecordedRightByTheMetadata() throws Exception {
        UUID call = UUID.randomUUID();
        String session = Base64.getEncoder().encodeToString(ByteBuffer.allocate(16)
                .putLong(call.getMostSignificantBits()).putLong(call.getLeastSignificantBits()).array());
        Path work = Files.createDirectories(Path.of("target/sipp-siprec-" + call));
        Process sipp = new ProcessBuilder("bash", "../tools/sipp/siprec-session.sh",
                "-r", RecorderServer.HOST + ":" + new RecorderServer().sipPort(), "-i", session, "-s", "4",
                "-w", work.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("siprec-session.log").toFile())
                .start();
        assertTrue(sipp.waitFor(90, TimeUnit.SECONDS), "SIPp finished");
        String log = Files.readString(work.resolve("siprec-session.log"));
        assertEquals(0, sipp.exitValue(), () -> "SIPp session failed (its scenario checks the SRS's answer):\n" + log
                + read(work.resolve("siprec-session.out")) + read(work.resolve("siprec-errors.log")));
        assertTrue(log.contains("(call " + call + ")"), () -> "the script names the call's CallUUID:\n" + log);

        RecorderServer recorder = new RecorderServer();
        JsonObject listed = recorder.awaitRecordingFinished(call.toString(), Duration.ofSeconds(60));
        assertEquals("COMPLETED", listed.getString("state"), () -> "a silent line is not lost audio: " + listed);
        long id = listed.getJsonNumber("id").longValue();
        JsonObject recording = RecorderServer.json(recorder.getAsAdmin("/api/recordings/" + id)).asJsonObject();
        assertEquals("FIRST_PARTICIPANT", recording.getJsonObject("attributes").getString("siprec.channelRule"));
        HttpResponse<byte[]> audio = recorder.getAsAdmin("/api/recordings/" + id + "/audio");
        assertEquals(200, audio.statusCode());
        WavContent wav = WavContent.of(audio.body());
        assertEquals(2, wav.channels());
        int rightStart = wav.onset(1, 500);
        assertTrue(rightStart >= 0, "right: the other party's line, to which SIPp sends its tone");
        assertEquals(1000, wav.dominantFrequency(1, rightStart + 800, 16000), 10, "right: the other party, 1000 Hz");
        assertEquals(4000, Math.round((wav.end(1, 500) - rightStart) / 8.0), 100, "the other party's 4 s, all of them");
        assertEquals(-1, wav.onset(0, 500), "left: the recorded party's line (the second), to which SIPp sends nothing");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "(cannot read " + file + ")";
        }
    }
}
