package org.activerecorder.sip.status;

import org.activerecorder.application.IntakeRefused;
import org.activerecorder.sip.siprec.Refusal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RejectionTest {

    @Test
    void notARecordingRequestIs404WithAHint() {
        Rejection rejection = Rejection.notARecordingRequest();
        assertEquals(404, rejection.statusCode());
        assertTrue(rejection.reasonPhrase().startsWith("Not Found: not a recording request"));
        assertTrue(rejection.reasonPhrase().contains("sip:record="));
    }

    @Test
    void uriProblemsAre400NamingThePart() {
        assertEquals(400, Rejection.missingUriParameter("calluuid parameter").statusCode());
        assertTrue(Rejection.missingUriParameter("calluuid parameter").reasonPhrase().contains("calluuid"));
        Rejection invalid = Rejection.invalidUriParameter("dn parameter", "DN must be ...");
        assertEquals(400, invalid.statusCode());
        assertEquals("Bad Request: invalid parameter in the Request-URI, see the recorder log", invalid.reasonPhrase());
        assertEquals("dn parameter: DN must be ...", invalid.detail(), "which parameter and why: in the log");
    }

    @Test
    void callUuidMismatchIs400WithBothValuesInTheLogOnly() {
        Rejection rejection = Rejection.callUuidMismatch("X-Genesys-CallUUID", "AAA", "BBB");
        assertEquals(400, rejection.statusCode());
        assertEquals("Bad Request: call UUID header disagrees with the Request-URI calluuid", rejection.reasonPhrase());
        assertEquals("400 Bad Request: call UUID header disagrees with the Request-URI calluuid "
                + "[X-Genesys-CallUUID AAA vs calluuid BBB]", rejection.forLog());
    }

    @Test
    void siprecRefusalsAre413415Or400WithAFixedPhraseEach() {
        java.util.Map<Refusal.Reason, Integer> statuses = java.util.Map.of(Refusal.Reason.TOO_LARGE, 413,
                Refusal.Reason.UNSUPPORTED_BODY, 415, Refusal.Reason.MALFORMED_BODY, 400,
                Refusal.Reason.MALFORMED_METADATA, 400, Refusal.Reason.NOT_RECORDING_METADATA, 400);
        java.util.Set<String> phrases = new java.util.HashSet<>();
        for (Refusal.Reason reason : Refusal.Reason.values()) {
            Rejection rejection = Rejection.siprecRefused(reason);
            assertEquals(statuses.get(reason), rejection.statusCode(), reason::name);
            assertEquals(rejection, Rejection.siprecRefused(reason), "the same answer every time");
            phrases.add(rejection.reasonPhrase());
        }
        assertEquals(Refusal.Reason.values().length, phrases.size(), "a phrase of its own per kind: " + phrases);
        assertEquals(Rejection.ACCEPTED_SIPREC_BODIES,
                Rejection.siprecRefused(Refusal.Reason.UNSUPPORTED_BODY).headers().get("Accept"));
    }

    @Test
    void wrongBodyIs415WithAccept() {
        Rejection rejection = Rejection.unsupportedBody("multipart/mixed");
        assertEquals(415, rejection.statusCode());
        assertEquals("application/sdp", rejection.headers().get("Accept"));
    }

    @Test
    void missingOrBrokenOfferIs400() {
        assertEquals(400, Rejection.missingOffer().statusCode());
        assertEquals(400, Rejection.unparseableOffer("x").statusCode());
    }

    @Test
    void noCodecIs488WithWarning305() {
        Rejection rejection = Rejection.noSupportedCodec();
        assertEquals(488, rejection.statusCode());
        assertEquals("Not Acceptable Here: no supported audio codec offered (L16/16000, G722/8000, opus/48000/2, L16/8000, PCMU/8000, PCMA/8000)", rejection.reasonPhrase());
        String warning = rejection.headers().get("Warning");
        assertTrue(warning.startsWith("305 " + Rejection.WARN_AGENT + " \""), warning);
        assertTrue(warning.endsWith("\""), warning);
    }

    @Test
    void noAudioIs488WithWarning304() {
        Rejection rejection = Rejection.noAudioOffered();
        assertEquals(488, rejection.statusCode());
        assertTrue(rejection.headers().get("Warning").startsWith("304 "));
    }

    @Test
    void nothingToReceiveAndSrtpAndSeveralStreamsAre488() {
        assertEquals(488, Rejection.nothingToReceive("audio is recvonly").statusCode());
        assertEquals(488, Rejection.unsupportedTransport("RTP/SAVP").statusCode());
        assertEquals(488, Rejection.moreAudioStreamsThanParties(3, 2).statusCode());
    }

    @Test
    void noMediaResourcesIs503WithRetryAfter() {
        Rejection rejection = Rejection.intakeRefused(IntakeRefused.Reason.NO_MEDIA_RESOURCES,
                "no free RTP port in /var/lib/recorder");
        assertEquals(503, rejection.statusCode());
        assertEquals(Integer.toString(Rejection.RETRY_AFTER_SECONDS), rejection.headers().get("Retry-After"));
        assertEquals("Service Unavailable: no media resources, see the recorder log", rejection.reasonPhrase(),
                "the intake's message, which may name files, stays in the log");
    }

    @Test
    void conflictIs400Not409() {
        Rejection rejection = Rejection.intakeRefused(IntakeRefused.Reason.CONFLICT, "DN 7001 recorded twice");
        assertEquals(400, rejection.statusCode());
        assertTrue(rejection.reasonPhrase().startsWith("Bad Request: conflicts with the recording of this call"),
                rejection.reasonPhrase());
    }

    @Test
    void internalRefusalAndUnexpectedFailureAre500() {
        assertEquals(500, Rejection.intakeRefused(IntakeRefused.Reason.INTERNAL, "db down").statusCode());
        assertEquals(500, Rejection.intakeRefused(IntakeRefused.Reason.INTERNAL, null).statusCode());
        assertEquals(500, Rejection.internalError().statusCode());
    }

    @Test
    void overloadAndSessionLimitsAre503WithRetryAfterAndTheirOwnPhrase() {
        for (Rejection busy : new Rejection[]{Rejection.overloaded(), Rejection.sessionLimit(),
                Rejection.peerSessionLimit()}) {
            assertEquals(503, busy.statusCode());
            assertEquals(Integer.toString(Rejection.RETRY_AFTER_SECONDS), busy.headers().get("Retry-After"));
        }
        assertEquals("Service Unavailable: recording session limit reached", Rejection.sessionLimit().reasonPhrase());
        assertEquals("Service Unavailable: recording session limit for this peer reached",
                Rejection.peerSessionLimit().reasonPhrase());
    }

    @Test
    void dialogAndMethodDecisions() {
        assertEquals(481, Rejection.unknownDialog().statusCode());
        assertEquals(487, Rejection.requestTerminated().statusCode());
        Rejection notAllowed = Rejection.methodNotAllowed("INFO");
        assertEquals(405, notAllowed.statusCode());
        assertEquals(Rejection.ALLOWED_METHODS, notAllowed.headers().get("Allow"));
        assertEquals(501, Rejection.notImplemented("FOO").statusCode());
        assertEquals(403, Rejection.forbiddenPeer("10.1.2.3").statusCode());
        assertTrue(Rejection.forbiddenPeer("10.1.2.3").reasonPhrase().contains("10.1.2.3"));
    }

    @Test
    void reasonPhrasesCannotBreakTheStatusLine() {
        Rejection rejection = Rejection.intakeRefused(IntakeRefused.Reason.INTERNAL, "bad\r\nVia: evil <x> \"q\"");
        assertFalse(rejection.reasonPhrase().contains("\r"));
        assertFalse(rejection.reasonPhrase().contains("\n"));
        assertFalse(rejection.reasonPhrase().contains("<"));
        assertFalse(rejection.reasonPhrase().contains("\""));
        assertTrue(Rejection.intakeRefused(IntakeRefused.Reason.INTERNAL, "x".repeat(1000)).reasonPhrase().length()
                <= Rejection.MAX_REASON_LENGTH);
    }

    @Test
    void aMalformedRequestNamesTheMissingHeaderInOurWordsOnly() {
        assertEquals("Bad Request: malformed request (Contact header missing or broken)",
                Rejection.malformedRequest("Contact Header is Mandatory for a SIP INVITE").reasonPhrase());
        assertEquals("Bad Request: malformed request (Max-Forwards header missing or broken)",
                Rejection.malformedRequest("Missing a required header : Max-Forwards").reasonPhrase());
        assertEquals("Bad Request: malformed request (To header missing or broken)",
                Rejection.malformedRequest("Missing a required header : To").reasonPhrase());
        assertEquals("Bad Request: malformed request (a required header is missing or broken)",
                Rejection.malformedRequest("java.lang.NullPointerException at /x/y").reasonPhrase());
    }

    @Test
    void onlyFinalErrorCodes() {
        assertThrows(IllegalArgumentException.class, () -> new Rejection(200, "OK", null));
    }
}
