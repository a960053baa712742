package org.activerecorder.sip.status;

import org.activerecorder.application.IntakeRefused;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every factory of {@link Rejection}, found by reflection so that a factory added later is walked too, called with
 * the worst a peer or a failure could hand it: its reason phrase must stay a fixed text of ours, with no CR or
 * LF, bounded, and without a file path, an exception's text or more than a short excerpt of peer input.
 */
class RejectionPhrasesTest {

    private static final String LONG_PEER_TEXT = "A".repeat(5000);

    /** What a factory's text arguments are fed: each must leave no trace beyond a short, harmless excerpt. */
    private static final List<String> HOSTILE_TEXTS = List.of(
            "/var/lib/recorder/recordings/2026/11/30/call.wav",
            "cannot write C:\\recorder\\call.wav",
            "java.io.IOException: No space left on device",
            "org.hibernate.exception.ConstraintViolationException: could not execute statement",
            "NullPointerException at org.activerecorder.Foo.bar(Foo.java:12)",
            "x\r\nVia: SIP/2.0/UDP evil.example.com\r\n\r\n",
            "bare\nLF and\u0000NUL",
            LONG_PEER_TEXT);

    /** A path: a segment between slashes of other than digits ({@code opus/48000/2}, a codec, is none). */
    private static final Pattern PATH = Pattern.compile("(^|[\\s'\"(=:,;])[/\\\\~]|[A-Za-z]:\\\\|/[^\\s/]*[^\\s/0-9][^\\s/]*/");
    private static final Pattern EXCEPTION = Pattern.compile(
            "[A-Za-z](Exception|Error)\\b|\\b(java|javax|jakarta|org|gov|com)\\.[a-z]|\\.java:");

    @Test
    void everyFactoryGivesAFixedBoundedPhraseWhateverItIsGiven() throws Exception {
        List<Method> factories = factories();
        assertTrue(factories.size() >= 25, "the factories were found: " + factories.size());
        int calls = 0;
        for (Method factory : factories) {
            for (String hostile : HOSTILE_TEXTS) {
                for (Object[] arguments : argumentsFor(factory, hostile)) {
                    Rejection rejection = (Rejection) factory.invoke(null, arguments);
                    assertFixed(factory.getName() + " given " + abbreviate(hostile), rejection.reasonPhrase());
                    calls++;
                }
            }
        }
        assertTrue(calls >= factories.size() * HOSTILE_TEXTS.size(), "every factory was called: " + calls);
    }

    @Test
    void theCheckCatchesWhatItLooksFor() {
        for (String bad : List.of("Bad Request: /etc/passwd", "Bad Request: java.io.IOException: boom",
                "Bad Request: a\r\nb", "Bad Request: " + LONG_PEER_TEXT)) {
            assertThrowsAssertion(() -> assertFixed("a bad phrase", bad));
        }
        assertFixed("a good phrase", "Not Acceptable Here: audio transport RTP/SAVP not supported (only RTP/AVP)");
    }

    /**
     * Factories whose text arguments come from our own code (a parameter name we look for, a direction of our enum,
     * a method of our known list, the socket's address, a JAIN-SIP header check): these may show them, cleaned.
     */
    private static final java.util.Set<String> OUR_TEXT = java.util.Set.of("missingUriParameter", "headerTooLong",
            "nothingToReceive", "methodNotAllowed", "forbiddenPeer", "malformedRequest");

    @Test
    void peerInputNeverReachesAPhraseOnlyTheLog() throws Exception {
        String marker = "PeerSaid" + "x".repeat(10);
        int walked = 0;
        for (Method factory : factories()) {
            if (OUR_TEXT.contains(factory.getName())) {
                continue;
            }
            for (Object[] arguments : argumentsFor(factory, marker)) {
                Rejection rejection = (Rejection) factory.invoke(null, arguments);
                assertFalse(rejection.reasonPhrase().contains("PeerSaid"),
                        factory.getName() + " put peer input in its phrase: " + rejection.reasonPhrase());
                walked++;
            }
        }
        assertTrue(walked >= 25, "factories walked: " + walked);
        Rejection sdp = Rejection.unparseableOffer("malformed line 'm=audio x\r\nVia: evil'\u0000" + LONG_PEER_TEXT);
        assertEquals("Bad Request: unparseable SDP offer", sdp.reasonPhrase());
        assertTrue(sdp.detail().startsWith("malformed line 'm=audio x"), sdp.detail());
        assertTrue(sdp.detail().chars().noneMatch(c -> c < 0x20), "the detail is one log line: " + sdp.detail());
        assertTrue(sdp.detail().length() <= Rejection.MAX_DETAIL_LENGTH + 3, "bounded: " + sdp.detail().length());
        assertEquals("Bad Request: invalid parameter in the Request-URI, see the recorder log",
                Rejection.invalidUriParameter("dn parameter", "java.lang.IllegalArgumentException: bad").reasonPhrase());
    }

    private static void assertFixed(String what, String phrase) {
        assertFalse(phrase.isBlank(), what + ": empty phrase");
        assertTrue(phrase.length() <= Rejection.MAX_REASON_LENGTH, what + ": " + phrase.length() + " characters");
        assertTrue(phrase.chars().noneMatch(c -> c < 0x20 || c == 0x7f), what + ": control character in " + phrase);
        assertFalse(PATH.matcher(phrase).find(), what + ": a path in '" + phrase + "'");
        assertFalse(EXCEPTION.matcher(phrase).find(), what + ": exception text in '" + phrase + "'");
        assertFalse(phrase.contains("A".repeat(Rejection.MAX_SHOWN_LENGTH)), what + ": unbounded peer text");
        assertFalse(phrase.contains("evil.example.com") || phrase.contains("Via:"), what + ": injected header text");
    }

    private static List<Method> factories() {
        List<Method> found = new ArrayList<>();
        for (Method method : Rejection.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() == Rejection.class) {
                found.add(method);
            }
        }
        return found;
    }

    /** One argument list per enum constant (or one when the factory takes no enum), texts all hostile. */
    private static List<Object[]> argumentsFor(Method factory, String hostile) {
        Class<?>[] types = factory.getParameterTypes();
        Object[] enumValues = {null};
        for (Class<?> type : types) {
            if (type.isEnum()) {
                enumValues = type.getEnumConstants();
            }
        }
        List<Object[]> lists = new ArrayList<>();
        for (Object enumValue : enumValues) {
            Object[] arguments = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                arguments[i] = valueOf(factory, types[i], hostile, enumValue);
            }
            lists.add(arguments);
        }
        return lists;
    }

    private static Object valueOf(Method factory, Class<?> type, String hostile, Object enumValue) {
        if (type == String.class) {
            return hostile;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.MAX_VALUE;
        }
        if (type == long.class) {
            return Long.MAX_VALUE;
        }
        if (type.isEnum()) {
            return enumValue;
        }
        if (type == java.util.List.class) {
            return java.util.List.of(hostile, hostile);
        }
        if (type == IntakeRefused.Reason.class) {
            return IntakeRefused.Reason.INTERNAL;
        }
        return fail("RejectionPhrasesTest does not know how to feed " + type + " to " + factory.getName()
                + ": teach it, so the new factory is walked too");
    }

    private static void assertThrowsAssertion(Runnable check) {
        try {
            check.run();
        } catch (AssertionError expected) {
            return;
        }
        fail("the check let a bad phrase through");
    }

    private static String abbreviate(String text) {
        String line = text.replace("\r", "\\r").replace("\n", "\\n");
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }
}
