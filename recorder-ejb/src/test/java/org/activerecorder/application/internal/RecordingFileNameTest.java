package org.activerecorder.application.internal;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.CallUpdate;
import org.activerecorder.domain.model.recording.Filing;
import org.activerecorder.domain.model.recording.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file name a decision's template gives a recording, and what makes any rendered name safe to store. */
class RecordingFileNameTest {

    private static final Instant START = Instant.parse("2026-11-26T09:08:07Z");

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            1001_5551234_CALL-1            | 1001_5551234_CALL-1.wav
            1001_5551234_CALL-1.wav        | 1001_5551234_CALL-1.wav
            name.WAV                       | name.wav
            ../../etc/passwd               | ____etc_passwd.wav
            a/b\\c                          | a_b_c.wav
            a..b...c                       | a_b_c.wav
            .hidden                        | _hidden.wav
            trailing.                      | trailing_.wav
            "+49 (555) 1234"               | _49__555__1234.wav
            "Müller:*?<>|"                 | M_ller______.wav
            ""                             | unknown.wav
            .wav                           | unknown.wav
            """)
    void aRenderedNameIsMadeSafeForEveryFileSystem(String rendered, String expected) {
        assertEquals(expected, RecordingFileName.safe(rendered));
    }

    @Test
    void aLongNameIsCutToTheBoundAndStillEndsWav() {
        String name = RecordingFileName.safe("x".repeat(400));

        assertEquals(RecordingFileName.MAX_BASE_LENGTH + ".wav".length(), name.length());
        assertTrue(name.endsWith("x.wav"));
    }

    @Test
    void theTemplateIsFilledFromTheRecordingAndTheCallsFacts() {
        Call call = new Call(new CallUuid("CALL-7"), START);
        call.merge(new CallUpdate(CallState.ESTABLISHED, "conn-1", new Dn("1001"), new Dn("5551234"), "5551234",
                "0800 100", null, null, Map.of()), START, "{}");
        Recording recording = Recording.requested(call, new RecordingRequestId("rec-1"), new Dn("1001"),
                new Filing("{start:yyyyMMdd-HHmmss}_{dn}_{ani}_{dnis}_{callUuid}", 30), START);

        assertEquals(Optional.of("20261126-090807_1001_5551234_0800_100_CALL-7.wav"), RecordingFileName.of(recording));
    }

    @Test
    void aFactNoCallEventGaveIsUnknown() {
        Recording recording = Recording.requested(new Call(new CallUuid("CALL-7"), START),
                new RecordingRequestId("rec-1"), new Dn("1001"), new Filing("{dn}_{ani}_{dnis}", null), START);

        assertEquals(Optional.of("1001_unknown_unknown.wav"), RecordingFileName.of(recording));
    }

    @Test
    void withoutATemplateTheRecordingIsNamedAsAnyIs() {
        Recording recording = Recording.requested(new Call(new CallUuid("CALL-7"), START),
                new RecordingRequestId("rec-1"), new Dn("1001"), START);

        assertEquals(Optional.empty(), RecordingFileName.of(recording));
    }
}
