package org.activerecorder.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DN configuration and the rules over REST against the real server: create, read, update (a new version, the old
 * one readable), delete (a rule's versions stay), 400 listing every problem, 404, 409 for a duplicate DN, 403 for a
 * role that may not (before its body is read); a change based on an old version (the GET's ETag in If-Match, or the
 * body's version) refused with 412 or 409 naming who saved the current one, changing nothing. Then the rules at work: a
 * call event over REST, the rule that matches only after a user-data update, START_RECORDING (3013) read from the queue
 * CallControlCommands by a bridge logged in with role control, and the decision stored with the call; a routing
 * instruction's id and dest passed on. Every DN and rule here carries this run's prefix, so no other test's calls are
 * decided on; the rules are deleted at the end of each test.
 */
@ExtendWith(ArquillianExtension.class)
class RulesIT {

    private static final String PREFIX = "ITRU" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String AUDITOR = PREFIX.toLowerCase() + "-auditor";
    private static final String BRIDGE = PREFIX.toLowerCase() + "-bridge";
    private static final String AUDITOR_PASSWORD = ItUsers.newPassword();
    private static final String BRIDGE_PASSWORD = ItUsers.newPassword();
    private static final String CALL_CONTROL_QUEUE = "jms.queue.CallControlCommands";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RecorderServer recorder;
    private static String adminPassword;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    /** An auditor (reads, never writes) and a call-control bridge (role control), with this run's passwords. */
    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("rules-users.war", new ItUsers.Account(AUDITOR, AUDITOR_PASSWORD, "auditor"),
                new ItUsers.Account(BRIDGE, BRIDGE_PASSWORD, "control"));
    }

    @BeforeAll
    static void connect() throws Exception {
        recorder = new RecorderServer();
        adminPassword = recorder.adminPassword();
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aDnIsConfiguredReadChangedAndRemoved() throws Exception {
        String dn = PREFIX + "-D1";
        HttpResponse<byte[]> created = admin("POST", "/api/dns", "{\"dn\":\"" + dn + "\",\"type\":\"acd-position\","
                + "\"alwaysRecorded\":true,\"description\":\"Sales desk\",\"retentionDays\":365}");
        assertEquals(201, created.statusCode(), () -> body(created));
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/api/dns/" + dn));
        JsonObject view = object(created);
        assertEquals("acd-position", view.getString("type"));
        assertTrue(view.getBoolean("alwaysRecorded"));
        assertEquals(365, view.getInt("retentionDays"));

        HttpResponse<byte[]> duplicate = admin("POST", "/api/dns", "{\"dn\":\"" + dn + "\"}");
        assertEquals(409, duplicate.statusCode(), () -> body(duplicate));
        assertTrue(object(duplicate).getString("message").contains("configured already"));

        HttpResponse<byte[]> changed = admin("PUT", "/api/dns/" + dn, "{\"type\":\"extension\",\"alwaysRecorded\":false}");
        assertEquals(200, changed.statusCode(), () -> body(changed));
        assertFalse(object(changed).getBoolean("alwaysRecorded"));
        JsonObject read = object(admin("GET", "/api/dns/" + dn, null));
        assertEquals("extension", read.getString("type"));
        assertTrue(!read.containsKey("description") || read.isNull("description"), "a PUT replaces: " + read);
        assertTrue(array(admin("GET", "/api/dns", null)).stream()
                .anyMatch(v -> v.asJsonObject().getString("dn").equals(dn)));

        assertEquals(204, admin("DELETE", "/api/dns/" + dn, null).statusCode());
        HttpResponse<byte[]> gone = admin("GET", "/api/dns/" + dn, null);
        assertEquals(404, gone.statusCode());
        assertEquals(404, admin("PUT", "/api/dns/" + dn, "{}").statusCode());
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aRuleChangeBasedOnAnOldVersionIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<byte[]> created = admin("POST", "/api/rules", rule("Edited", PREFIX + "-E*", 100));
        assertEquals(201, created.statusCode(), () -> body(created));
        assertEquals("\"v1\"", etag(created));
        long id = object(created).getJsonNumber("id").longValue();
        String path = "/api/rules/" + id;
        HttpResponse<byte[]> read = admin("GET", path, null);
        assertEquals("\"v1\"", etag(read));
        try {
            HttpResponse<byte[]> first = withIfMatch("PUT", path, rule("Edited 50%", PREFIX + "-E*", 50), "\"v1\"");
            assertEquals(200, first.statusCode(), () -> body(first));
            assertEquals("\"v2\"", etag(first));
            JsonObject second = object(admin("GET", path, null));

            // a second save based on version 1: 412, naming version 2, who saved it and when; nothing changed
            HttpResponse<byte[]> stale = withIfMatch("PUT", path, rule("Edited 10%", PREFIX + "-E*", 10), "\"v1\"");
            assertEquals(412, stale.statusCode(), () -> body(stale));
            assertEquals("\"v2\"", etag(stale));
            JsonObject refusal = object(stale);
            assertEquals(2, refusal.getInt("currentVersion"));
            assertEquals("admin", refusal.getString("savedBy"));
            assertEquals(second.getString("savedAt"), refusal.getString("savedAt"));
            assertTrue(refusal.getString("message").startsWith("rule " + id + " is at version 2 (saved at "
                    + second.getString("savedAt") + " by admin), not 1"), () -> body(stale));
            assertEquals(second, object(admin("GET", path, null)), "version 2 stands");

            // the version in the body instead: 409, as the reorder's; the current one passes
            HttpResponse<byte[]> staleBody = admin("PUT", path, withVersion(rule("Edited 10%", PREFIX + "-E*", 10), 1));
            assertEquals(409, staleBody.statusCode(), () -> body(staleBody));
            assertEquals(2, object(staleBody).getInt("currentVersion"));
            HttpResponse<byte[]> current = admin("PUT", path, withVersion(rule("Edited 10%", PREFIX + "-E*", 10), 2));
            assertEquals(200, current.statusCode(), () -> body(current));
            assertEquals(3, object(current).getInt("version"));

            // what cannot be a version this server sent is a 400, never a silent "no check"
            assertEquals(400, withIfMatch("PUT", path, withVersion(rule("x", PREFIX + "-E*", 10), 3), "\"v2\"")
                    .statusCode(), "If-Match and the body disagree");
            assertEquals(400, withIfMatch("PUT", path, rule("x", PREFIX + "-E*", 10), "W/\"v3\"").statusCode());
            assertEquals(3, object(admin("GET", path, null)).getInt("version"), "nothing saved");

            HttpResponse<byte[]> staleDelete = withIfMatch("DELETE", path, null, "\"v2\"");
            assertEquals(412, staleDelete.statusCode(), () -> body(staleDelete));
            assertTrue(ruleIds().contains(id), "still in use");
            assertEquals(204, withIfMatch("DELETE", path, null, "\"v3\"").statusCode());
            assertFalse(ruleIds().contains(id));
        } finally {
            admin("DELETE", path, null);
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aDnChangeBasedOnAnOldVersionIsRefusedAndChangesNothing() throws Exception {
        String dn = PREFIX + "-D2";
        String path = "/api/dns/" + dn;
        HttpResponse<byte[]> created = admin("POST", "/api/dns", "{\"dn\":\"" + dn + "\",\"alwaysRecorded\":true}");
        assertEquals(201, created.statusCode(), () -> body(created));
        assertEquals("\"v1\"", etag(created));
        assertEquals(1, object(created).getInt("version"));
        assertEquals("admin", object(created).getString("updatedBy"));
        try {
            HttpResponse<byte[]> first = withIfMatch("PUT", path, "{\"alwaysRecorded\":true,\"description\":\"kept\"}",
                    "\"v1\"");
            assertEquals(200, first.statusCode(), () -> body(first));
            assertEquals("\"v2\"", etag(first));

            // a form opened at version 1 would switch recording off: refused, the DN stays always recorded
            HttpResponse<byte[]> stale = withIfMatch("PUT", path, "{\"alwaysRecorded\":false}", "\"v1\"");
            assertEquals(412, stale.statusCode(), () -> body(stale));
            assertEquals(2, object(stale).getInt("currentVersion"));
            assertEquals("admin", object(stale).getString("savedBy"));
            HttpResponse<byte[]> staleBody = admin("PUT", path, "{\"alwaysRecorded\":false,\"version\":1}");
            assertEquals(409, staleBody.statusCode(), () -> body(staleBody));
            JsonObject now = object(admin("GET", path, null));
            assertTrue(now.getBoolean("alwaysRecorded"));
            assertEquals("kept", now.getString("description"));
            assertEquals(2, now.getInt("version"));

            assertEquals(412, withIfMatch("DELETE", path, null, "\"v1\"").statusCode());
            assertEquals(200, admin("GET", path, null).statusCode(), "still configured");
            assertEquals(204, withIfMatch("DELETE", path, null, "\"v2\"").statusCode());
            assertEquals(404, admin("GET", path, null).statusCode());
        } finally {
            admin("DELETE", path, null);
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aRuleIsVersionedOnEachSaveAndItsVersionsOutliveItsDeletion() throws Exception {
        HttpResponse<byte[]> created = admin("POST", "/api/rules", rule("Sales", PREFIX + "-S*", 100));
        assertEquals(201, created.statusCode(), () -> body(created));
        JsonObject first = object(created);
        long id = first.getJsonNumber("id").longValue();
        assertEquals(1, first.getInt("version"));
        assertEquals("admin", first.getString("savedBy"));
        assertEquals(List.of("MON", "TUE", "WED", "THU", "FRI"), first.getJsonArray("days").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());

        HttpResponse<byte[]> updated = admin("PUT", "/api/rules/" + id, rule("Sales 20%", PREFIX + "-S*", 20));
        assertEquals(200, updated.statusCode(), () -> body(updated));
        assertEquals(2, object(updated).getInt("version"));
        JsonObject current = object(admin("GET", "/api/rules/" + id, null));
        assertEquals("Sales 20%", current.getString("name"));
        assertEquals(20, current.getInt("samplingPercent"));
        JsonObject old = object(admin("GET", "/api/rules/" + id + "/versions/1", null));
        assertEquals("Sales", old.getString("name"));
        assertEquals(2, old.getInt("currentVersion"));
        assertTrue(ruleIds().contains(id));

        assertEquals(204, admin("DELETE", "/api/rules/" + id, null).statusCode());
        HttpResponse<byte[]> deleted = admin("GET", "/api/rules/" + id, null);
        assertEquals(404, deleted.statusCode());
        assertTrue(object(deleted).getString("message").contains("was deleted"), () -> body(deleted));
        assertFalse(ruleIds().contains(id));
        JsonObject kept = object(admin("GET", "/api/rules/" + id + "/versions/2", null));
        assertTrue(kept.getBoolean("deleted"));
        assertEquals("Sales 20%", kept.getString("name"));
        assertEquals(404, admin("GET", "/api/rules/" + id + "/versions/3", null).statusCode());
        assertEquals(404, admin("PUT", "/api/rules/" + id, rule("Again", PREFIX + "-S*", 100)).statusCode());
        assertEquals(404, admin("DELETE", "/api/rules/" + id, null).statusCode());
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void anInvalidRuleOrDnIsRefusedWithEveryProblemListed() throws Exception {
        HttpResponse<byte[]> rule = admin("POST", "/api/rules", "{\"priority\":\"high\",\"dn\":\"" + PREFIX
                + "*\",\"hoursFrom\":\"08:00\",\"hoursTo\":\"8pm\",\"timeZone\":\"Europe/Nowhere\","
                + "\"samplingPercent\":120,\"fileNameTemplate\":\"{callUuid}-{agent}\",\"dnPatern\":\"1*\"}");
        assertEquals(400, rule.statusCode(), () -> body(rule));
        List<String> problems = object(rule).getJsonArray("problems").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList();
        assertEquals(7, problems.size(), problems::toString);
        for (String expected : List.of("unknown field 'dnPatern'", "'priority' must be a whole number",
                "name is missing", "hoursTo must be a time such as 18:00, not '8pm'",
                "timeZone must be an IANA time zone", "samplingPercent must be from 0 to 100, not 120",
                "unknown placeholder {agent}")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> expected + " in " + problems);
        }

        HttpResponse<byte[]> dn = admin("POST", "/api/dns", "{\"dn\":\"10 01\",\"type\":\"phone\","
                + "\"alwaysRecorded\":\"yes\"}");
        assertEquals(400, dn.statusCode(), () -> body(dn));
        assertEquals(3, object(dn).getJsonArray("problems").size(), () -> body(dn));
        assertEquals(400, admin("POST", "/api/dns", "[1,2]").statusCode());
        assertEquals(400, admin("GET", "/api/rules/seven", null).statusCode());
        assertEquals(404, admin("GET", "/api/rules/999999999", null).statusCode());
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void onlyAnAdministratorChangesTheConfigurationAndCallControlDoesNotReadIt() throws Exception {
        HttpResponse<byte[]> write = send("POST", "/api/rules", rule("Auditor's", PREFIX + "-A*", 100), AUDITOR,
                AUDITOR_PASSWORD);
        assertEquals(403, write.statusCode(), () -> body(write));
        assertEquals(403, send("POST", "/api/dns", "{\"dn\":\"" + PREFIX + "-A1\"}", AUDITOR, AUDITOR_PASSWORD)
                .statusCode());
        // the roles are checked before the body is read: a bad body from an auditor is refused as the auditor's
        HttpResponse<byte[]> badRule = send("POST", "/api/rules", "{\"priority\":\"first\",\"colour\":1}", AUDITOR,
                AUDITOR_PASSWORD);
        assertEquals(403, badRule.statusCode(), () -> body(badRule));
        assertEquals("to change the DN configuration and the rules you need the role admin",
                object(badRule).getString("message"));
        assertEquals(403, send("PUT", "/api/dns/" + PREFIX + "-A1", "not json", AUDITOR, AUDITOR_PASSWORD)
                .statusCode());
        assertEquals(200, send("GET", "/api/rules", null, AUDITOR, AUDITOR_PASSWORD).statusCode());
        assertEquals(200, send("GET", "/api/dns", null, AUDITOR, AUDITOR_PASSWORD).statusCode());
        assertEquals(403, send("GET", "/api/rules", null, BRIDGE, BRIDGE_PASSWORD).statusCode());
        assertEquals(404, admin("GET", "/api/dns/" + PREFIX + "-A1", null).statusCode(), "nothing was written");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aRuleMatchingAfterAUserDataUpdateAsksCallControlToStartAndTheDecisionIsStored() throws Exception {
        String dn = PREFIX + "-R1";
        String callUuid = PREFIX + "-CALL1";
        String transferredTo = PREFIX + "-R1B";
        long ruleId = object(admin("POST", "/api/rules", "{\"name\":\"Complaints\",\"priority\":1,\"dn\":\"" + dn
                + "\",\"userDataKey\":\"reason\",\"userDataValue\":\"complaint*\",\"parties\":\"both\","
                + "\"retentionDays\":30,\"fileNameTemplate\":\"{start:yyyyMMdd-HHmmss}_{dn}\"}"))
                .getJsonNumber("id").longValue();
        try (Bridge bridge = new Bridge(callUuid)) {
            HttpResponse<byte[]> established = admin("PUT", "/api/calls/" + callUuid, "{\"state\":\"established\","
                    + "\"connId\":\"c-1\",\"thisDn\":\"" + dn + "\",\"otherDn\":\"5551234\",\"direction\":\"inbound\","
                    + "\"userData\":{\"lang\":\"en\"}}");
            assertTrue(established.statusCode() / 100 == 2, () -> body(established));
            JsonArray none = array(admin("GET", "/api/calls/" + callUuid + "/decisions", null));
            assertEquals(1, none.size(), none::toString);
            assertEquals("NONE", none.getJsonObject(0).getString("source"));

            HttpResponse<byte[]> update = admin("PUT", "/api/calls/" + callUuid,
                    "{\"userData\":{\"reason\":\"complaint-billing\"}}");
            assertEquals(200, update.statusCode(), () -> body(update));

            JsonObject start = bridge.next(Duration.ofSeconds(30));
            assertNotNull(start, "call control received START_RECORDING");
            assertEquals("START_RECORDING", start.getString("type"));
            assertEquals(3013, start.getInt("privateService"));
            assertEquals(callUuid, start.getString("callUuid"));
            assertEquals("c-1", start.getString("connId"));
            assertEquals(dn, start.getString("thisDn"));
            assertEquals("rule " + ruleId + " v1 \"Complaints\"", start.getString("reason"));

            JsonObject otherParty = bridge.next(Duration.ofSeconds(30));
            assertNotNull(otherParty, "parties both: call control is asked for the other party too");
            assertEquals("5551234", otherParty.getString("thisDn"));
            assertEquals("rule " + ruleId + " v1 \"Complaints\"", otherParty.getString("reason"));

            JsonArray decisions = array(admin("GET", "/api/calls/" + callUuid + "/decisions", null));
            assertEquals(3, decisions.size(), decisions::toString);
            JsonObject forOther = decisions.getJsonObject(2);
            assertEquals("5551234", forOther.getString("dn"));
            assertEquals(ruleId, forOther.getJsonNumber("ruleId").longValue());
            assertEquals(otherParty.getString("id"), forOther.getString("requestId"));
            JsonObject byRule = decisions.getJsonObject(1);
            assertEquals("RULE", byRule.getString("source"));
            assertEquals(ruleId, byRule.getJsonNumber("ruleId").longValue());
            assertEquals(1, byRule.getInt("ruleVersion"));
            assertTrue(byRule.getBoolean("record"));
            assertEquals("both", byRule.getString("parties"));
            assertEquals(30, byRule.getInt("retentionDays"));
            assertEquals("USER_DATA_UPDATED", byRule.getString("trigger"));
            assertEquals(start.getString("id"), byRule.getString("requestId"), "the id the INVITEs will carry");

            admin("PUT", "/api/calls/" + callUuid, "{\"userData\":{\"reason\":\"complaint-again\"}}");
            assertEquals(3, array(admin("GET", "/api/calls/" + callUuid + "/decisions", null)).size(),
                    "a DN being recorded is not decided on again");
            // the call moves to an always-recorded DN: the next command is that DN's, not a second one for the first
            assertEquals(201, admin("POST", "/api/dns", "{\"dn\":\"" + transferredTo + "\","
                    + "\"alwaysRecorded\":true}").statusCode());
            admin("PUT", "/api/calls/" + callUuid, "{\"thisDn\":\"" + transferredTo + "\",\"userData\":"
                    + "{\"transferred\":\"yes\"}}");
            JsonObject next = bridge.next(Duration.ofSeconds(30));
            assertNotNull(next, "call control received the transferred DN's START_RECORDING");
            assertEquals(transferredTo, next.getString("thisDn"), "START_RECORDING is sent once per call and DN");
            assertEquals("dn " + transferredTo + " always recorded", next.getString("reason"));
        } finally {
            admin("DELETE", "/api/rules/" + ruleId, null);
            admin("DELETE", "/api/dns/" + transferredTo, null);
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aRoutingInstructionToRecordTheDestinationPassesItsIdAndDestToCallControl() throws Exception {
        String dn = PREFIX + "-R2";
        String callUuid = PREFIX + "-CALL2";
        try (Bridge bridge = new Bridge(callUuid)) {
            HttpResponse<byte[]> established = admin("PUT", "/api/calls/" + callUuid, "{\"state\":\"established\","
                    + "\"thisDn\":\"" + dn + "\",\"extensions\":{\"record\":\"destination\",\"id\":\"" + PREFIX
                    + "-r2\",\"dest\":\"sip:recorder@example.com\"}}");
            assertTrue(established.statusCode() / 100 == 2, () -> body(established));

            JsonObject start = bridge.next(Duration.ofSeconds(30));
            assertNotNull(start, "call control received START_RECORDING");
            assertEquals(PREFIX + "-r2", start.getString("id"));
            assertEquals("sip:recorder@example.com", start.getString("dest"));
            assertEquals("routing record=destination", start.getString("reason"));
            JsonObject decision = array(admin("GET", "/api/calls/" + callUuid + "/decisions", null)).getJsonObject(0);
            assertEquals("ROUTING", decision.getString("source"));
            assertEquals(PREFIX + "-r2", decision.getString("requestId"));
        }
    }

    // ---- helpers ----

    /** A call-control bridge: a remote JMS consumer of CallControlCommands, role control, for one call. */
    private static final class Bridge implements AutoCloseable {
        private final Connection connection;
        private final MessageConsumer consumer;

        Bridge(String callUuid) throws Exception {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EventSubscriber.BROKER_URL);
            connection = factory.createConnection(BRIDGE, BRIDGE_PASSWORD);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            consumer = session.createConsumer(session.createQueue(CALL_CONTROL_QUEUE),
                    "callUuid = '" + callUuid + "'");
            connection.start();
        }

        JsonObject next(Duration timeout) throws Exception {
            TextMessage message = (TextMessage) consumer.receive(timeout.toMillis());
            return message == null ? null : RecorderServer.json(message.getText()).asJsonObject();
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }

    private static String rule(String name, String dn, int sampling) {
        return "{\"name\":\"" + name + "\",\"priority\":500,\"dn\":\"" + dn + "\",\"direction\":\"inbound\","
                + "\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"],\"hoursFrom\":\"08:00\",\"hoursTo\":\"18:00\","
                + "\"timeZone\":\"Europe/Paris\",\"samplingPercent\":" + sampling + "}";
    }

    private static List<Long> ruleIds() throws Exception {
        List<Long> ids = new ArrayList<>();
        array(admin("GET", "/api/rules", null)).forEach(v -> ids.add(v.asJsonObject().getJsonNumber("id").longValue()));
        return ids;
    }

    private static HttpResponse<byte[]> admin(String method, String path, String body) throws Exception {
        return send(method, path, body, "admin", adminPassword);
    }

    /** As the shared administrator, naming the version the change is based on in {@code If-Match}. */
    private static HttpResponse<byte[]> withIfMatch(String method, String path, String body, String tag)
            throws Exception {
        return send(method, path, body, "admin", adminPassword, tag);
    }

    private static String etag(HttpResponse<byte[]> response) {
        return response.headers().firstValue("ETag").orElse("(no ETag)");
    }

    /** A rule's JSON with the version the change is based on. */
    private static String withVersion(String json, int version) {
        return json.substring(0, json.lastIndexOf('}')) + ",\"version\":" + version + "}";
    }

    private static HttpResponse<byte[]> send(String method, String path, String body, String user, String password)
            throws Exception {
        return send(method, path, body, user, password, null);
    }

    private static HttpResponse<byte[]> send(String method, String path, String body, String user, String password,
                                             String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + RecorderServer.HOST + ":8080"
                        + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonObject object(HttpResponse<byte[]> response) {
        return RecorderServer.json(response).asJsonObject();
    }

    private static JsonArray array(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), () -> body(response));
        return RecorderServer.json(response).asJsonArray();
    }

    private static String body(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

}
