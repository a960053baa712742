package org.activerecorder.application.calls;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.call.CallDirection;
import org.activerecorder.domain.model.call.CallState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call event's JSON: what is read from it, and every mistake refused with a message that names it. */
class CallEventJsonTest {

    private static final CallUuid CALL = new CallUuid("CALL-1");
    private static final Instant AT = Instant.parse("2026-11-30T21:00:00Z");

    @Test
    void everyFieldIsRead() throws CallEventRefused {
        String json = """
                {"state":"established","connId":"006e02b5c1a3e001","thisDn":"1001","otherDn":"5551234",
                 "ani":"+15551234","dnis":"8005550100","direction":"Inbound","agentId":"agent7",
                 "userData":{"Segment":"gold","Amount":1.50,"VIP":true,"Old":null},
                 "extensions":{"record":"destination","id":"R-9"}}""";

        CallEvent event = CallEventJson.read(CALL, json, AT);

        assertEquals(CALL, event.callUuid());
        assertEquals(CallState.ESTABLISHED, event.update().state());
        assertEquals("006e02b5c1a3e001", event.update().connId());
        assertEquals(new Dn("1001"), event.update().thisDn());
        assertEquals(new Dn("5551234"), event.update().otherDn());
        assertEquals("+15551234", event.update().ani());
        assertEquals("8005550100", event.update().dnis());
        assertEquals(CallDirection.INBOUND, event.update().direction(), "lenient on case");
        assertEquals("agent7", event.update().agentId());
        Map<String, String> userData = new LinkedHashMap<>();
        userData.put("Segment", "gold");
        userData.put("Amount", "1.50");
        userData.put("VIP", "true");
        userData.put("Old", null);
        assertEquals(userData, event.update().userData(), "numbers as written, booleans as text, null deletes");
        assertEquals(Map.of("record", "destination", "id", "R-9"), event.extensions());
        assertEquals(json, event.json());
        assertEquals(AT, event.receivedAt());
    }

    @Test
    void anUpdateNamesOnlyWhatChangesAndNullFactsStayAsTheyAre() throws CallEventRefused {
        CallEvent event = CallEventJson.read(CALL, "{\"agentId\":null,\"userData\":{\"k\":\"v\"}}", AT);

        assertNull(event.update().state());
        assertNull(event.update().agentId());
        assertEquals(Map.of("k", "v"), event.update().userData());
        assertTrue(event.extensions().isEmpty());
    }

    @Test
    void theQueuesEventNamesItsCall() throws CallEventRefused {
        assertEquals(new CallUuid("Q-1"), CallEventJson.read("{\"callUuid\":\"Q-1\",\"state\":\"released\"}", AT)
                .callUuid());
        assertEquals("'callUuid' is missing: a call event on the queue names its call",
                assertThrows(CallEventRefused.class, () -> CallEventJson.read("{\"state\":\"released\"}", AT))
                        .getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON                | {state:                                    | not JSON",
            "empty                   | ``                                         | is empty",
            "an array                | []                                         | must be a JSON object, not an array",
            "unknown field           | {\"userdata\":{}}                          | unknown field(s) [userdata]",
            "unknown state           | {\"state\":\"ringing\"}                    | 'state' must be \"established\" or \"released\"",
            "state not a string      | {\"state\":1}                              | 'state' must be a string, not a number",
            "unknown direction       | {\"direction\":\"sideways\"}               | 'direction' must be \"inbound\"",
            "bad DN                  | {\"thisDn\":\"10 01\"}                     | 'thisDn': DN must be",
            "connId too long         | {\"connId\":\"%65\"}                       | 'connId' is 65 characters long; at most 64",
            "userData not an object  | {\"userData\":[1]}                         | 'userData' must be a JSON object",
            "nested userData value   | {\"userData\":{\"card\":{\"n\":1}}}        | userData 'card' is an object",
            "array userData value    | {\"userData\":{\"list\":[1,2]}}            | userData 'list' is an array",
            "value too long          | {\"userData\":{\"k\":\"%1025\"}}           | userData 'k' is 1025 characters long; at most 1024",
            "key too long            | {\"userData\":{\"%65\":\"v\"}}             | characters long; at most 64",
            "empty key               | {\"userData\":{\"\":\"v\"}}                | a userData key must not be empty",
            "null extension          | {\"extensions\":{\"id\":null}}             | extensions 'id' is null",
            "other call              | {\"callUuid\":\"CALL-2\"}                  | 'callUuid' is CALL-2 but the path names CALL-1",
    })
    void mistakesAreRefusedNamingTheField(String mistake, String json, String message) {
        CallEventRefused refused = assertThrows(CallEventRefused.class,
                () -> CallEventJson.read(CALL, expand(json), AT));
        assertTrue(refused.getMessage().contains(message), () -> mistake + ": " + refused.getMessage());
    }

    @Test
    void tooManyKeysInOneEventAreRefused() {
        StringBuilder json = new StringBuilder("{\"userData\":{");
        for (int i = 0; i <= 100; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        json.append("}}");
        CallEventRefused refused = assertThrows(CallEventRefused.class,
                () -> CallEventJson.read(CALL, json.toString(), AT));
        assertEquals("userData has 101 keys; a call holds at most 100", refused.getMessage());
    }

    @Test
    void anEventLongerThanTheHistoryKeepsIsRefused() {
        String json = "{\"userData\":{\"k\":\"" + "x".repeat(70_000) + "\"}}";
        assertTrue(assertThrows(CallEventRefused.class, () -> CallEventJson.read(CALL, json, AT)).getMessage()
                .contains("at most 65536"));
    }

    @Test
    void theCallUuidOfAnEventIsFoundForReportingEvenWhenTheEventIsRefused() {
        assertEquals("C-9", CallEventJson.callUuidOf("{\"callUuid\":\"C-9\",\"state\":\"ringing\"}").orElseThrow());
        assertTrue(CallEventJson.callUuidOf("{nope").isEmpty());
    }

    /** {@code %N} stands for N characters. */
    private static String expand(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%(\\d+)").matcher(json);
        return m.replaceAll(r -> "a".repeat(Integer.parseInt(r.group(1))));
    }
}
