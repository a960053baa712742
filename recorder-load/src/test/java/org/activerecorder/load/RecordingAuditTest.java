package org.activerecorder.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load tool names why a recording is not COMPLETED from the fields the API gives (it printed "null" before). */
class RecordingAuditTest {

    @Test
    void anIncompleteRecordingIsNamedByItsReasonsCodes() {
        assertEquals("[AUDIO_NOT_DECODED, NETWORK_LOSS]", RecordingAudit.why(json("""
                {"state":"INCOMPLETE","reasons":[{"code":"AUDIO_NOT_DECODED","explanation":"200 ms ..."},
                 {"code":"NETWORK_LOSS","explanation":"..."}]}""")));
    }

    @Test
    void aFailedRecordingAlsoGivesItsFailureReason() {
        assertEquals("[] the stream files could not be read", RecordingAudit.why(json("""
                {"state":"FAILED","reasons":[],"failureReason":"the stream files could not be read"}""")));
        assertEquals("[]", RecordingAudit.why(json("{\"state\":\"RECORDING\"}")));
    }

    @Test
    void aStreamsKernelDropsAreItsOwnCountAndNoneWhenTheServerGivesNone() {
        assertEquals(1234, RecordingAudit.kernelDrops(json("{\"packetsReceived\":3766,\"kernelDrops\":1234}")));
        assertEquals(0, RecordingAudit.kernelDrops(json("{\"packetsReceived\":5000}")), "a server older than the field");
        assertEquals(0, RecordingAudit.kernelDrops(json("{\"kernelDrops\":-1}")), "unknown to the server");
    }

    @Test
    void lossIsCountedOverTheRecordingsThatEndedNotThoseStillOpen() {
        // series BC's BC7: 394 recordings ended (788 streams of 3,500 packets), 1,606 still open when the wait ended
        RecordingAudit.Totals totals = new RecordingAudit.Totals();
        for (int i = 0; i < 1606; i++) {
            totals.open(7000);
        }
        assertEquals(1606, totals.open);
        assertEquals(11_242_000, totals.sentToOpen);
        long sent = 14_000_000;
        assertEquals(3.239, RunReport.lossPercent(sent - totals.sentToOpen, 2_668_670), 0.001,
                "89,330 of the 2,758,000 sent to the ended recordings, not 81 % of all that was sent");
        assertEquals(0.0, RunReport.lossPercent(0, 0), "every recording still open: no loss known yet");
        assertEquals(100.0, RunReport.lossPercent(7000, 0));
    }

    @Test
    void aWavIsCheckedAgainstBothChecksumsAndEitherMayBeAbsent() throws Exception {
        byte[] wav = new byte[44 + 1600];
        for (int i = 0; i < wav.length; i++) {
            wav[i] = (byte) (i * 7);
        }
        String file = sha256(wav, 0);
        String audio = sha256(wav, 44);
        assertEquals(List.of(), RecordingAudit.checksumProblems(wav, json(
                "{\"sha256\":\"" + file + "\",\"audioSha256\":\"" + audio + "\"}")));
        assertEquals(List.of(), RecordingAudit.checksumProblems(wav, json(
                "{\"sha256\":null,\"audioSha256\":\"" + audio + "\"}")), "the file's not taken yet");
        assertEquals(List.of(), RecordingAudit.checksumProblems(wav, json("{\"sha256\":\"" + file + "\"}")),
                "a server older than audioSha256");

        byte[] changed = wav.clone();
        changed[1000] ^= 1;
        List<String> found = RecordingAudit.checksumProblems(changed, json(
                "{\"sha256\":\"" + file + "\",\"audioSha256\":\"" + audio + "\"}"));
        assertEquals(2, found.size(), () -> "one byte of audio changed: " + found);
        assertTrue(found.get(0).startsWith("the file's SHA-256 is " + sha256(changed, 0)), found::toString);
        assertTrue(found.get(1).endsWith("the recording says " + audio), found::toString);

        byte[] header = wav.clone();
        header[4] ^= 1;
        assertEquals(1, RecordingAudit.checksumProblems(header, json(
                "{\"sha256\":\"" + file + "\",\"audioSha256\":\"" + audio + "\"}")).size(),
                "a header changed: the file's checksum alone");
        assertEquals(1, RecordingAudit.checksumProblems(new byte[10], json(
                "{\"audioSha256\":\"" + audio + "\"}")).size(), "a download shorter than a header");
    }

    private static String sha256(byte[] bytes, int from) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(bytes, from, bytes.length - from);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
