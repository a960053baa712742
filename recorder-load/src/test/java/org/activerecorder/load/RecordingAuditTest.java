package org.activerecorder.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
