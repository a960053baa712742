package org.activerecorder.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PUT /api/rules/order} on the real server: one request moves a rule to the top, the rules moved get their
 * new priorities and versions together (each audited from -> to) and the decider follows the new order at once; an
 * order made on a list read before a change or before a rule was added is refused with 409 naming each difference,
 * and changes nothing; a malformed body is a 400 listing every problem. The rules carry this run's prefix, match only
 * its DNs, and come before any other's (far lower priorities); they are deleted at the end.
 */
@ExtendWith(ArquillianExtension.class)
class RuleOrderIT {

    private static final String PREFIX = "ITRO" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String ADMIN = PREFIX.toLowerCase() + "-admin";
    private static final String ADMIN_PASSWORD = ItUsers.newPassword();
    /** Below RulesBrowserIT's range, so these rules are tried first and the tester's answer is theirs. */
    private static final int PRIORITY = -3_000_000 - (int) (System.currentTimeMillis() % 100_000) * 10;

    private static RecorderServer recorder;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    /** An administrator of this run's own, so the audit log's entries of this test are told apart by user. */
    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("rule-order-users.war", new ItUsers.Account(ADMIN, ADMIN_PASSWORD, "admin"));
    }

    @BeforeAll
    static void connect() {
        recorder = new RecorderServer();
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void oneRequestReordersTheRulesAndAnOrderMadeOnAnOutOfDateListChangesNothing() throws Exception {
        long wide = create("wide", PRIORITY, PREFIX + "*");
        long other = create("other", PRIORITY + 10, PREFIX + "-O*");
        long nines = create("nines", PRIORITY + 20, PREFIX + "-9*");
        try {
            assertEquals(wide, decidingRule(PREFIX + "-95"), "the first by priority decides");
            JsonArray read = list();
            assertEquals(List.of(wide, other, nines), ids(read).subList(0, 3), "this run's rules come first");

            // nines to the top: the three priorities in use handed out along the new order, all in one request
            List<Long> wanted = new ArrayList<>(ids(read));
            wanted.remove(nines);
            wanted.add(0, nines);
            HttpResponse<byte[]> moved = reorder(order(read, wanted));
            assertEquals(200, moved.statusCode(), () -> text(moved));
            assertEquals(wanted, ids(RecorderServer.json(moved).asJsonArray()),
                    "the answer is the list in its new order");
            // read again: the answer's savedAt is the instant before the database rounded it to microseconds
            JsonArray after = list();
            assertEquals(wanted, ids(after), "as GET /api/rules now lists it");
            Map<Long, JsonObject> now = byId(after);
            assertEquals(List.of(PRIORITY, PRIORITY + 10, PRIORITY + 20),
                    List.of(now.get(nines).getInt("priority"), now.get(wide).getInt("priority"),
                            now.get(other).getInt("priority")));
            for (long id : List.of(wide, other, nines)) {
                assertEquals(2, now.get(id).getInt("version"), () -> now.get(id).toString());
                assertEquals(ADMIN, now.get(id).getString("savedBy"));
            }
            Map<Long, JsonObject> before = byId(read);
            before.keySet().stream().filter(id -> !List.of(wide, other, nines).contains(id)).forEach(id ->
                    assertEquals(before.get(id), now.get(id), "another's rule is untouched"));
            assertEquals(nines, decidingRule(PREFIX + "-95"), "the decider follows the new order at once");
            assertEquals(wide, decidingRule(PREFIX + "-O1"), "wide still decides what nines does not match");

            List<JsonObject> changes = audited("RULE_CHANGED");
            assertEquals(List.of(Long.toString(other), Long.toString(wide), Long.toString(nines)),
                    changes.stream().map(e -> e.getString("target")).toList(), "one entry per rule moved, newest first");
            String ninesChange = changes.get(2).getString("detail");
            assertTrue(ninesChange.matches("\\{\"from\":\\{.*\"priority\":" + (PRIORITY + 20) + ",.*\"version\":1}"
                    + ",\"to\":\\{.*\"priority\":" + PRIORITY + ",.*\"version\":2}}"), ninesChange);

            // the list read before the move is out of date now: refused, nothing changes
            HttpResponse<byte[]> stale = reorder(order(read, ids(read)));
            assertEquals(409, stale.statusCode(), () -> text(stale));
            List<String> problems = problems(stale);
            assertTrue(problems.contains("rule " + wide + " is at version 2 (saved at " + now.get(wide)
                    .getString("savedAt") + " by " + ADMIN + "), not 1"), problems::toString);
            assertEquals(3, problems.size(), problems::toString);
            assertEquals(after, list(), "nothing changed");

            // a rule added since the list was read: refused until the order names it
            long added = create("added", PRIORITY + 30, PREFIX + "-A*");
            HttpResponse<byte[]> without = reorder(order(after, ids(after)));
            assertEquals(409, without.statusCode(), () -> text(without));
            assertTrue(problems(without).get(0).startsWith("rule " + added + " \"" + PREFIX + " added\" (version 1"),
                    () -> text(without));
            assertEquals(3, audited("RULE_CHANGED").size(), "a refused order is not audited");
            JsonArray withIt = list();
            HttpResponse<byte[]> same = reorder(order(withIt, ids(withIt)));
            assertEquals(200, same.statusCode(), () -> text(same));
            assertEquals(withIt, RecorderServer.json(same).asJsonArray(), "the order as it is changes nothing");
        } finally {
            for (JsonValue rule : list()) {
                if (rule.asJsonObject().getString("name").startsWith(PREFIX)) {
                    recorder.send("DELETE", "/api/rules/" + rule.asJsonObject().getJsonNumber("id").longValue(),
                            null, ADMIN, ADMIN_PASSWORD);
                }
            }
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aMalformedOrderIsRefusedWithEveryProblemListed() throws Exception {
        HttpResponse<byte[]> none = reorder("{}");
        assertEquals(400, none.statusCode(), () -> text(none));
        assertTrue(problems(none).get(0).startsWith("rules is missing"), () -> text(none));

        HttpResponse<byte[]> bad = reorder("{\"rules\":[{\"id\":\"seven\",\"version\":0,\"colour\":1}],\"by\":1}");
        assertEquals(400, bad.statusCode(), () -> text(bad));
        assertEquals(List.of("unknown field 'by'; the fields are [rules]",
                        "rules[0]: unknown field 'colour'; the fields are id, version",
                        "rules[0].id must be a positive whole number, not \"seven\"",
                        "rules[0].version must be a positive whole number, not 0"), problems(bad));

        HttpResponse<byte[]> twice = reorder("{\"rules\":[{\"id\":1,\"version\":1},{\"id\":1,\"version\":1}]}");
        assertEquals(400, twice.statusCode(), () -> text(twice));
        assertEquals(List.of("the order names rule 1 more than once"), problems(twice));
    }

    private static long create(String name, int priority, String dn) throws Exception {
        HttpResponse<byte[]> created = recorder.post("/api/rules", "{\"name\":\"" + PREFIX + " " + name
                + "\",\"priority\":" + priority + ",\"dn\":\"" + dn + "\"}", ADMIN, ADMIN_PASSWORD);
        assertEquals(201, created.statusCode(), () -> text(created));
        return RecorderServer.json(created).asJsonObject().getJsonNumber("id").longValue();
    }

    /** The rule the tester names for a call on {@code thisDn}. */
    private static long decidingRule(String thisDn) throws Exception {
        HttpResponse<byte[]> answer = recorder.post("/api/rules/test", "{\"thisDn\":\"" + thisDn + "\"}", ADMIN,
                ADMIN_PASSWORD);
        assertEquals(200, answer.statusCode(), () -> text(answer));
        JsonObject decision = RecorderServer.json(answer).asJsonObject();
        assertEquals("RULE", decision.getString("source"), decision::toString);
        return decision.getJsonNumber("ruleId").longValue();
    }

    private static HttpResponse<byte[]> reorder(String body) throws Exception {
        return recorder.send("PUT", "/api/rules/order", body, ADMIN, ADMIN_PASSWORD);
    }

    /** The body naming {@code ids} in this order, at the versions {@code listed} shows them. */
    private static String order(JsonArray listed, List<Long> ids) {
        Map<Long, JsonObject> byId = byId(listed);
        return ids.stream().map(id -> "{\"id\":" + id + ",\"version\":" + byId.get(id).getInt("version") + "}")
                .collect(Collectors.joining(",", "{\"rules\":[", "]}"));
    }

    private static JsonArray list() throws Exception {
        HttpResponse<byte[]> listed = recorder.get("/api/rules", ADMIN, ADMIN_PASSWORD);
        assertEquals(200, listed.statusCode(), () -> text(listed));
        return RecorderServer.json(listed).asJsonArray();
    }

    /** This run's administrator's audit entries of {@code action}, newest first. */
    private static List<JsonObject> audited(String action) throws Exception {
        HttpResponse<byte[]> found = recorder.get("/api/audit?limit=100&user=" + ADMIN, ADMIN, ADMIN_PASSWORD);
        assertEquals(200, found.statusCode(), () -> text(found));
        return RecorderServer.json(found).asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("action").equals(action)).toList();
    }

    private static List<Long> ids(JsonArray rules) {
        return rules.stream().map(r -> r.asJsonObject().getJsonNumber("id").longValue()).toList();
    }

    private static Map<Long, JsonObject> byId(JsonArray rules) {
        return rules.stream().map(JsonValue::asJsonObject).collect(Collectors.toMap(
                r -> r.getJsonNumber("id").longValue(), Function.identity()));
    }

    private static List<String> problems(HttpResponse<byte[]> response) {
        return RecorderServer.json(response).asJsonObject().getJsonArray("problems").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList();
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }
}
