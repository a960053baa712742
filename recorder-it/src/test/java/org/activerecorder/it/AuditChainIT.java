package org.activerecorder.it;

import jakarta.json.JsonObject;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/audit/verify} against the real server: an administrator of this run configures and removes DNs
 * through the API, and the chain an auditor verifies over REST has grown past those entries and holds, each of them at
 * a position of its own below the head; the console's "Verify the chain" says it holds; an administrator may verify
 * too, a supervisor gets 403.
 */
@ExtendWith(ArquillianExtension.class)
class AuditChainIT {

    private static final String PREFIX = "ITAC" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final ItUsers.Account ADMIN = ItUsers.Account.of(PREFIX, "admin", "admin");
    private static final ItUsers.Account AUDITOR = ItUsers.Account.of(PREFIX, "auditor", "auditor");
    private static final ItUsers.Account SUPERVISOR = ItUsers.Account.of(PREFIX, "supervisor", "supervisor");

    private static RecorderServer recorder;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("audit-chain-users.war", ADMIN, AUDITOR, SUPERVISOR);
    }

    @BeforeAll
    static void connect() {
        recorder = new RecorderServer();
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void entriesMadeThroughTheApiVerifyOverRest() throws Exception {
        JsonObject before = verify(AUDITOR);
        assertIntact(before);

        List<String> dns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String dn = PREFIX + "-D" + i;
            HttpResponse<byte[]> created = recorder.post("/api/dns", "{\"dn\":\"" + dn + "\"}", ADMIN.name(),
                    ADMIN.password());
            assertEquals(201, created.statusCode(), () -> new String(created.body(), StandardCharsets.UTF_8));
            dns.add(dn);
        }
        for (String dn : dns.subList(0, 2)) {
            assertEquals(204, recorder.send("DELETE", "/api/dns/" + dn, null, ADMIN.name(), ADMIN.password())
                    .statusCode());
        }

        JsonObject after = verify(AUDITOR);
        assertIntact(after);
        long headBefore = head(before);
        long headAfter = head(after);
        assertTrue(headAfter >= headBefore + 7, "five creations and two deletions past the head of " + headBefore
                + ", now " + headAfter);
        assertEquals(headAfter, after.getJsonNumber("verified").longValue(), "every chained entry verified");
        assertTrue(after.getJsonObject("head").getString("hash").matches("[0-9a-f]{64}"), after::toString);
        assertNotEquals(before.getJsonObject("head").getString("hash"), after.getJsonObject("head").getString("hash"),
                "the head's hash moved");

        JsonObject byAdmin = verify(ADMIN);
        assertIntact(byAdmin);
        assertTrue(head(byAdmin) >= headAfter);

        HttpResponse<byte[]> page = recorder.get("/audit.xhtml?verify=chain", AUDITOR.name(), AUDITOR.password());
        assertEquals(200, page.statusCode());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("id=\"chain-result\"") && html.contains("The chain holds: "),
                () -> "the console's Verify the chain: " + html);

        HttpResponse<byte[]> refused = recorder.get("/api/audit/verify", SUPERVISOR.name(), SUPERVISOR.password());
        assertEquals(403, refused.statusCode(), () -> new String(refused.body(), StandardCharsets.UTF_8));

        for (String dn : dns.subList(2, dns.size())) {
            recorder.send("DELETE", "/api/dns/" + dn, null, ADMIN.name(), ADMIN.password());
        }
    }

    private static JsonObject verify(ItUsers.Account account) throws Exception {
        HttpResponse<byte[]> answer = recorder.get("/api/audit/verify", account.name(), account.password());
        assertEquals(200, answer.statusCode(), () -> new String(answer.body(), StandardCharsets.UTF_8));
        return RecorderServer.json(answer).asJsonObject();
    }

    private static void assertIntact(JsonObject verification) {
        assertTrue(verification.containsKey("firstBroken"), () -> "firstBroken is written, as null: " + verification);
        assertEquals(JsonValue.NULL, verification.get("firstBroken"), verification::toString);
    }

    private static long head(JsonObject verification) {
        return verification.getJsonObject("head").getJsonNumber("position").longValue();
    }
}
