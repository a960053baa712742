package org.activerecorder.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
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

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/audit} a page at a time against the real server: an administrator of this run configures a dozen
 * DNs (a dozen entries of theirs), and an auditor walks that user's entries five at a time by the {@code Link}
 * header, while the administrator configures one more after the first page: every entry the unpaged read lists is
 * seen exactly once, in the log's order, the cursor headers agree, the last page names no next one, and the new
 * entry is on the newest page, not in the walk. A cursor that is no entry's id is a 400 with a message.
 */
@ExtendWith(ArquillianExtension.class)
class AuditPagingIT {

    private static final String PREFIX = "ITAP" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final ItUsers.Account ADMIN = ItUsers.Account.of(PREFIX, "admin", "admin");
    private static final ItUsers.Account AUDITOR = ItUsers.Account.of(PREFIX, "auditor", "auditor");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final int LIMIT = 5;

    private static RecorderServer recorder;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("audit-paging-users.war", ADMIN, AUDITOR);
    }

    @BeforeAll
    static void connect() {
        recorder = new RecorderServer();
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void everyEntryIsReachedPageByPageByTheLinkHeader() throws Exception {
        List<String> dns = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                dns.add(configure(PREFIX + "-D" + i));
            }
            List<JsonObject> all = entries(auditor("/api/audit?limit=1000&user=" + ADMIN.name()));
            List<String> created = all.stream().filter(e -> "DN_CREATED".equals(e.getString("action")))
                    .map(e -> e.getString("target")).toList();
            List<String> newestFirst = new ArrayList<>(dns);
            Collections.reverse(newestFirst);
            assertEquals(newestFirst, created, "the unpaged read: each DN once, newest first");
            assertTrue(all.size() > 2 * LIMIT, "more than two pages: " + all.size());

            List<JsonObject> walked = new ArrayList<>();
            String path = "/api/audit?user=" + ADMIN.name() + "&limit=" + LIMIT;
            for (int page = 0; path != null; page++) {
                assertTrue(page <= all.size() / LIMIT, "the pages never end: " + path);
                HttpResponse<byte[]> answer = auditor(path);
                List<JsonObject> entries = entries(answer);
                walked.addAll(entries);
                Optional<String> link = answer.headers().firstValue("Link");
                Optional<String> nextBefore = answer.headers().firstValue("X-Next-Before");
                if (link.isPresent()) {
                    assertEquals(LIMIT, entries.size(), "only a full page has a next one");
                    assertEquals(Optional.of(Long.toString(entries.get(LIMIT - 1).getJsonNumber("id").longValue())),
                            nextBefore, "the cursor is the page's last entry");
                    URI next = URI.create(next(link.get()));
                    assertTrue(next.getRawQuery().contains("user=" + ADMIN.name())
                            && next.getRawQuery().contains("limit=" + LIMIT)
                            && next.getRawQuery().contains("before=" + nextBefore.get()), next::toString);
                    path = next.getRawPath() + "?" + next.getRawQuery();
                } else {
                    assertEquals(Optional.empty(), nextBefore, "the last page names no next one");
                    path = null;
                }
                if (page == 0) {
                    dns.add(configure(PREFIX + "-LATE"));
                }
            }

            assertEquals(ids(all), ids(walked), "every entry exactly once, in order");
            assertEquals(walked.size(), new HashSet<>(ids(walked)).size());
            Comparator<JsonObject> byTimeThenId = Comparator.<JsonObject, Instant>comparing(
                    e -> Instant.parse(e.getString("at"))).thenComparing(e -> e.getJsonNumber("id").longValue());
            assertEquals(walked.stream().sorted(byTimeThenId.reversed()).toList(), walked, "newest first, time then id");
            JsonObject newest = entries(auditor("/api/audit?limit=1&user=" + ADMIN.name())).get(0);
            assertEquals(PREFIX + "-LATE", newest.getString("target"), "what arrived meanwhile heads the newest page");

            for (String cursor : List.of("abc", "0", "-3", Long.toString(Long.MAX_VALUE))) {
                HttpResponse<byte[]> refused = recorder.get("/api/audit?limit=5&before=" + cursor, AUDITOR.name(),
                        AUDITOR.password());
                assertEquals(400, refused.statusCode(), cursor);
                String message = RecorderServer.json(refused).asJsonObject().getString("message");
                assertTrue(message.contains("'before'"), message);
            }
        } finally {
            for (String dn : dns) {
                recorder.send("DELETE", "/api/dns/" + dn, null, ADMIN.name(), ADMIN.password());
            }
        }
    }

    private static String configure(String dn) throws Exception {
        HttpResponse<byte[]> created = recorder.post("/api/dns", "{\"dn\":\"" + dn + "\"}", ADMIN.name(),
                ADMIN.password());
        assertEquals(201, created.statusCode(), () -> new String(created.body(), StandardCharsets.UTF_8));
        return dn;
    }

    private static HttpResponse<byte[]> auditor(String path) throws Exception {
        HttpResponse<byte[]> answer = recorder.get(path, AUDITOR.name(), AUDITOR.password());
        assertEquals(200, answer.statusCode(), () -> path + ": " + new String(answer.body(), StandardCharsets.UTF_8));
        return answer;
    }

    private static List<JsonObject> entries(HttpResponse<byte[]> answer) {
        JsonArray array = RecorderServer.json(answer).asJsonArray();
        return array.getValuesAs(JsonObject.class);
    }

    private static List<Long> ids(List<JsonObject> entries) {
        return entries.stream().map(e -> e.getJsonNumber("id").longValue()).toList();
    }

    private static String next(String link) {
        Matcher matcher = NEXT.matcher(link);
        assertTrue(matcher.find(), () -> "no rel=\"next\" in Link: " + link);
        return matcher.group(1);
    }
}
