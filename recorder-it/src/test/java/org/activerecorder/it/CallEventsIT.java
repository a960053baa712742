package org.activerecorder.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.activerecorder.it.support.CallEventClient;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.TwoPartyCall;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.rtp.RtpScript;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call events against the real server: over REST ({@code PUT /api/calls/{callUuid}}) and over the queue
 * {@code CallEvents} from a remote bridge logged in with role {@code control}. A recording whose sessions came before
 * the call event shows its user data and agent once the event arrives; a call whose event came first is created by it
 * and its recording has the data from the start; user data merges over events, each key keeping the time it got its
 * value; a queue event that cannot be applied is published as CallEventRejected and the queue goes on; the recordings
 * search finds exactly the right recordings by agent, user data and time; every mistake is a 400 naming it, and an
 * auditor may not send events (403).
 */
@ExtendWith(ArquillianExtension.class)
class CallEventsIT {

    private static final String PREFIX = "ITCE" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    /** A user-data key of this run only, so that searches by it find only this run's recordings. */
    private static final String RUN_KEY = "Run" + PREFIX;

    private static final String CONTROL_USER = PREFIX.toLowerCase() + "-bridge";
    private static final String AUDITOR_USER = PREFIX.toLowerCase() + "-auditor";
    private static final String CONTROL_PASSWORD = ItUsers.newPassword();
    private static final String AUDITOR_PASSWORD = ItUsers.newPassword();

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;
    private static EventSubscriber events;
    private static CallEventClient bridge;
    private static CallEventClient auditor;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    /** A call-control bridge (role control) and an auditor, put into the recorder's user tables. */
    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("call-event-users.war",
                new ItUsers.Account(CONTROL_USER, CONTROL_PASSWORD, "control"),
                new ItUsers.Account(AUDITOR_USER, AUDITOR_PASSWORD, "auditor"));
    }

    @BeforeAll
    static void connect() throws Exception {
        recorder = new RecorderServer();
        events = new EventSubscriber("admin", recorder.adminPassword(), "callUuid LIKE '" + PREFIX + "%'");
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
        bridge = new CallEventClient(CONTROL_USER, CONTROL_PASSWORD);
        auditor = new CallEventClient(AUDITOR_USER, AUDITOR_PASSWORD);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (mediaServer != null) {
            mediaServer.close();
        }
        if (events != null) {
            events.close();
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void recordingsShowTheirCallsDataWhicheverCameFirstAndTheSearchFindsExactlyThem() throws Exception {
        String before = PREFIX + "BEFORE";
        HttpResponse<byte[]> created = bridge.put(before, """
                {"state":"established","connId":"c-before","thisDn":"1001","otherDn":"5551234","ani":"5551234",
                 "dnis":"8005550100","direction":"Inbound","agentId":"%s","userData":{"%s":"before","Case":17}}"""
                .formatted(PREFIX + "-agentB", RUN_KEY));
        assertEquals(201, created.statusCode(), () -> body(created));
        JsonObject createdCall = RecorderServer.json(created).asJsonObject();
        assertEquals("established", createdCall.getString("state"));
        assertEquals("inbound", createdCall.getString("direction"));
        assertEquals("17", createdCall.getJsonObject("userData").getJsonObject("Case").getString("value"));
        RecordedCall first = play(before);
        assertEquals("COMPLETED", first.state(), () -> first.recording().toString());
        assertEquals("before", first.recording().getJsonObject("userData").getString(RUN_KEY));
        assertEquals(PREFIX + "-agentB", first.recording().getString("agentId"));
        assertEquals("8005550100", first.recording().getString("dnis"));
        assertEquals("inbound", first.recording().getString("direction"));

        String after = PREFIX + "AFTER";
        RecordedCall second = play(after);
        assertTrue(second.recording().getJsonObject("userData").isEmpty(), () -> second.recording().toString());
        assertFalse(second.recording().containsKey("agentId"));
        HttpResponse<byte[]> merged = bridge.put(after, """
                {"state":"established","connId":"c-after","agentId":"%s","userData":{"%s":"after"}}"""
                .formatted(PREFIX + "-agentA", RUN_KEY));
        assertEquals(200, merged.statusCode(), () -> "the sessions made the call: " + body(merged));
        assertEquals(List.of(second.id()), ids(RecorderServer.json(merged).asJsonObject().getJsonArray("recordings")));
        JsonObject secondNow = RecorderServer.json(recorder.getAsAdmin("/api/recordings/" + second.id()))
                .asJsonObject();
        assertEquals("after", secondNow.getJsonObject("userData").getString(RUN_KEY), secondNow::toString);
        assertEquals(PREFIX + "-agentA", secondNow.getString("agentId"));
        assertEquals("c-after", secondNow.getString("connId"));

        assertEquals(List.of(second.id()), search("agentId=" + PREFIX + "-agentA"));
        assertEquals(List.of(first.id()), search("agentId=" + PREFIX + "-agentB"));
        assertEquals(List.of(first.id()), search("key=" + RUN_KEY + "&value=before"));
        assertEquals(List.of(second.id(), first.id()), search("key=" + RUN_KEY), "the key alone: newest first");
        assertEquals(List.of(first.id()), search("callUuid=" + before));
        assertEquals(List.of(), search("key=" + RUN_KEY + "&value=before&agentId=" + PREFIX + "-agentA"));
        Instant firstStart = Instant.parse(first.recording().getString("startedAt"));
        Instant secondStart = Instant.parse(second.recording().getString("startedAt"));
        assertEquals(List.of(first.id()), search("from=" + firstStart + "&to=" + secondStart),
                "from inclusive, to exclusive: only the first started in between");
        assertEquals(List.of(second.id()), search("from=" + secondStart + "&to=" + secondStart.plusMillis(1)));
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void userDataMergesOverEventsOlderKeysKeepTheirValueAndTimeAndNullDeletes() throws Exception {
        String callUuid = PREFIX + "MERGE";
        assertEquals(201, bridge.put(callUuid, "{\"state\":\"established\",\"userData\":{\"a\":\"1\",\"b\":\"2\"}}")
                .statusCode());
        JsonObject firstView = call(callUuid);
        Instant firstAt = Instant.parse(firstView.getJsonObject("userData").getJsonObject("a").getString("updatedAt"));

        HttpResponse<byte[]> update = bridge.put(callUuid, "{\"userData\":{\"b\":\"3\",\"c\":true,\"a\":\"1\"}}");
        assertEquals(200, update.statusCode(), () -> body(update));
        JsonObject merged = RecorderServer.json(update).asJsonObject().getJsonObject("userData");
        assertEquals("1", merged.getJsonObject("a").getString("value"), "an older key stays");
        assertEquals(firstAt, Instant.parse(merged.getJsonObject("a").getString("updatedAt")),
                "the same value again keeps its time");
        assertEquals("3", merged.getJsonObject("b").getString("value"));
        assertEquals("true", merged.getJsonObject("c").getString("value"));
        Instant secondAt = Instant.parse(merged.getJsonObject("b").getString("updatedAt"));
        assertTrue(secondAt.isAfter(firstAt), () -> "b changed later: " + merged);

        bridge.put(callUuid, "{\"state\":\"released\",\"userData\":{\"a\":null}}");
        JsonObject released = call(callUuid);
        assertEquals("released", released.getString("state"));
        assertNotNull(released.getString("releasedAt"));
        assertEquals(List.of("b", "c"), List.copyOf(released.getJsonObject("userData").keySet()));
        JsonArray received = released.getJsonArray("events");
        assertEquals(3, received.size(), "each event kept as received");
        assertEquals("{\"state\":\"released\",\"userData\":{\"a\":null}}",
                received.getJsonObject(2).getString("json"));
        assertEquals(firstAt, Instant.parse(received.getJsonObject(0).getString("receivedAt")));
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void theQueueTakesTheSameEventsAndABadOneIsRejectedWithAnEventWhileTheQueueGoesOn() throws Exception {
        String callUuid = PREFIX + "JMS";
        bridge.send("{\"callUuid\":\"" + callUuid + "\",\"state\":\"established\",\"agentId\":\"" + PREFIX
                + "-agentQ\",\"userData\":{\"via\":\"jms\",\"n\":1}}");
        awaitCall(callUuid, call -> call.getJsonObject("userData").containsKey("via"));

        String bad = PREFIX + "JMSBAD";
        String badId = bridge.send("{\"callUuid\":\"" + bad + "\",\"state\":\"ringing\"}");
        bridge.send("{\"callUuid\":\"" + callUuid + "\",\"userData\":{\"n\":2}}");

        JsonObject rejected = events.await(bad, Duration.ofSeconds(30));
        assertNotNull(rejected, "an external subscriber heard of the rejected event");
        assertEquals("CallEventRejected", rejected.getString("type"));
        assertEquals(badId, rejected.getString("messageId"));
        assertTrue(rejected.getString("reason").startsWith("'state' must be \"established\" or \"released\""),
                rejected::toString);
        JsonObject merged = awaitCall(callUuid, call -> "2".equals(call.getJsonObject("userData").getJsonObject("n")
                .getString("value"))).getJsonObject("userData");
        assertEquals("jms", merged.getJsonObject("via").getString("value"), "the first event's keys stay");
        assertEquals(PREFIX + "-agentQ", call(callUuid).getString("agentId"));
        assertEquals(404, recorder.getAsAdmin("/api/calls/" + bad).statusCode(), "nothing of it was applied");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void everyMistakeIsA400NamingItAndAnAuditorMayNotSendEvents() throws Exception {
        String callUuid = PREFIX + "MISTAKES";
        assertBadRequest(bridge.put(callUuid, "state=established"), "not JSON");
        assertBadRequest(bridge.put(callUuid, "{\"userData\":{\"card\":{\"number\":\"4111\"}}}"),
                "userData 'card' is an object");
        assertBadRequest(bridge.put(callUuid, "{\"userData\":{\"list\":[1]}}"), "userData 'list' is an array");
        assertBadRequest(bridge.put(callUuid, "{\"state\":\"ringing\"}"), "'state' must be");
        assertBadRequest(bridge.put(callUuid, "{\"agentId\":7}"), "'agentId' must be a string, not a number");
        assertBadRequest(bridge.put(callUuid, "{\"direction\":\"sideways\"}"), "'direction' must be");
        assertBadRequest(bridge.put(callUuid, "{\"connId\":\"" + "x".repeat(65) + "\"}"), "at most 64");
        assertBadRequest(bridge.put(callUuid, "{\"userData\":{\"k\":\"" + "x".repeat(1025) + "\"}}"), "at most 1024");
        StringBuilder tooMany = new StringBuilder("{\"userData\":{");
        for (int i = 0; i <= 100; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertBadRequest(bridge.put(callUuid, tooMany.append("}}").toString()), "a call holds at most 100");
        assertBadRequest(bridge.put("bad%20uuid", "{\"state\":\"established\"}"), "not a CallUUID");
        assertBadRequest(bridge.put(callUuid, "{\"userdata\":{}}"), "unknown field(s) [userdata]");
        assertEquals(404, recorder.getAsAdmin("/api/calls/" + callUuid).statusCode(), "no mistake made the call");

        assertBadRequest(recorder.getAsAdmin("/api/recordings?from=yesterday"), "'from' must be an ISO-8601 instant");
        assertBadRequest(recorder.getAsAdmin("/api/recordings?value=gold"), "give 'key' too");
        assertBadRequest(recorder.getAsAdmin("/api/recordings?dn=" + URLEncoder.encode("10 01",
                StandardCharsets.UTF_8)), "'dn'");

        HttpResponse<byte[]> forbidden = auditor.put(callUuid, "{\"state\":\"established\"}");
        assertEquals(403, forbidden.statusCode(), () -> body(forbidden));
        assertEquals(404, recorder.getAsAdmin("/api/calls/" + callUuid).statusCode(), "the auditor changed nothing");
    }

    // ---- helpers ----

    private static RecordedCall play(String callUuid) throws Exception {
        return TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create().audio(ToneSource.encoded(440, 8000, true)),
                session -> RtpScript.create().audio(ToneSource.encoded(1000, 8000, true)));
    }

    private static List<Long> search(String query) throws Exception {
        HttpResponse<byte[]> response = recorder.getAsAdmin("/api/recordings?limit=500&" + query);
        assertEquals(200, response.statusCode(), () -> query + ": " + body(response));
        return ids(RecorderServer.json(response).asJsonArray().stream().map(r -> r.asJsonObject().get("id")).toList());
    }

    private static List<Long> ids(List<JsonValue> values) {
        return values.stream().map(v -> Long.parseLong(v.toString())).toList();
    }

    private static List<Long> ids(JsonArray values) {
        return ids((List<JsonValue>) values);
    }

    private static JsonObject call(String callUuid) throws Exception {
        HttpResponse<byte[]> response = recorder.getAsAdmin("/api/calls/" + callUuid);
        assertEquals(200, response.statusCode(), () -> body(response));
        return RecorderServer.json(response).asJsonObject();
    }

    private static JsonObject awaitCall(String callUuid, java.util.function.Predicate<JsonObject> done)
            throws Exception {
        return Await.until("call " + callUuid, Duration.ofSeconds(30), () -> {
            HttpResponse<byte[]> response = recorder.getAsAdmin("/api/calls/" + callUuid);
            return response.statusCode() == 200
                    ? Optional.of(RecorderServer.json(response).asJsonObject()) : Optional.<JsonObject>empty();
        }, found -> found.isPresent() && done.test(found.get())).orElseThrow();
    }

    private static void assertBadRequest(HttpResponse<byte[]> response, String message) {
        assertEquals(400, response.statusCode(), () -> body(response));
        JsonObject error = RecorderServer.json(response).asJsonObject();
        assertTrue(error.getString("message").contains(message), () -> "'" + message + "' in " + error);
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

}
