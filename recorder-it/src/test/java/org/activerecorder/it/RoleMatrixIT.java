package org.activerecorder.it;

import jakarta.json.JsonArray;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of {@code docs/openapi.yaml}, called on the real server with no login and as a user of each role:
 * no login gets 401; a role the table lets in is neither refused (403) nor asked to log in (401); any other role
 * gets 403. The table is recorder-web's EndpointRolesTest's (which checks it against the code); the calls use ids that
 * exist nowhere and bodies that are invalid, so nothing is changed. A second test walks a user's life: created by an
 * administrator, changes the password chosen for them, disabled; and every step is on the audit log.
 */
@ExtendWith(ArquillianExtension.class)
class RoleMatrixIT {

    private static final String PREFIX = "itrm" + Long.toHexString(System.currentTimeMillis());
    private static final List<String> ROLES = List.of("admin", "supervisor", "auditor", "control", "events",
            "metrics");
    private static final Map<String, ItUsers.Account> ACCOUNTS = new LinkedHashMap<>();

    static {
        for (String role : ROLES) {
            ACCOUNTS.put(role, ItUsers.Account.of(PREFIX, role, role));
        }
    }

    private static final Set<String> READERS = Set.of("admin", "supervisor", "auditor");
    private static final Set<String> CONTROLLERS = Set.of("admin", "supervisor", "control");
    private static final Set<String> API = Set.of("admin", "supervisor", "auditor", "control");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> EVERY_ROLE = Set.copyOf(ROLES);

    /** As recorder-web's EndpointRolesTest.TABLE: the roles let in, per endpoint. */
    private static final Map<String, Set<String>> TABLE = Map.ofEntries(
            Map.entry("GET /recordings", READERS),
            Map.entry("GET /recordings/{id}", READERS),
            Map.entry("GET /recordings/{id}/audio", READERS),
            Map.entry("GET /recordings/{id}/waveform", READERS),
            Map.entry("POST /calls/{callUuid}/recording/{operation}", CONTROLLERS),
            Map.entry("POST /connections/{connId}/recording/{operation}", CONTROLLERS),
            Map.entry("PUT /calls/{callUuid}", Set.of("admin", "control")),
            Map.entry("GET /calls/{callUuid}", API),
            Map.entry("GET /calls/{callUuid}/decisions", READERS),
            Map.entry("GET /dns", READERS),
            Map.entry("POST /dns", ADMIN),
            Map.entry("GET /dns/{dn}", READERS),
            Map.entry("PUT /dns/{dn}", ADMIN),
            Map.entry("DELETE /dns/{dn}", ADMIN),
            Map.entry("GET /rules", READERS),
            Map.entry("POST /rules", ADMIN),
            Map.entry("GET /rules/{id}", READERS),
            Map.entry("PUT /rules/{id}", ADMIN),
            Map.entry("DELETE /rules/{id}", ADMIN),
            Map.entry("GET /rules/{id}/versions/{version}", READERS),
            Map.entry("PUT /rules/order", ADMIN),
            Map.entry("POST /rules/test", Set.of("admin", "supervisor")),
            Map.entry("GET /metrics", Set.of("admin", "metrics")),
            Map.entry("GET /openapi.yaml", API),
            Map.entry("GET /audit", Set.of("admin", "auditor")),
            Map.entry("GET /audit/verify", Set.of("admin", "auditor")),
            Map.entry("GET /users", ADMIN),
            Map.entry("POST /users", ADMIN),
            Map.entry("GET /users/{username}", ADMIN),
            Map.entry("PUT /users/{username}", ADMIN),
            Map.entry("GET /users/me", EVERY_ROLE),
            Map.entry("PUT /users/me/password", EVERY_ROLE),
            Map.entry("GET /settings", READERS),
            Map.entry("GET /settings/{name}", READERS),
            Map.entry("PUT /settings/{name}", ADMIN),
            Map.entry("DELETE /settings/{name}", ADMIN));

    /** Path parameters that name nothing that exists, so that no call changes anything. */
    private static final Map<String, String> NOTHING = Map.of("id", "999999999", "callUuid", "ITRM-NO-SUCH-CALL",
            "connId", "00000000deadbeef", "operation", "pause", "dn", "ITRM-NO-DN", "username", "itrm-nobody",
            "version", "1", "name", "itrm.no-such-setting");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RecorderServer recorder;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    /** One user per role, with this run's passwords. */
    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("role-matrix-users.war", ACCOUNTS.values().toArray(ItUsers.Account[]::new));
    }

    @BeforeAll
    static void connect() {
        recorder = new RecorderServer();
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void everyDocumentedEndpointLetsInExactlyTheRolesOfTheTable() throws Exception {
        List<String> endpoints = documentedEndpoints();
        assertEquals(new TreeSet<>(TABLE.keySet()), new TreeSet<>(endpoints),
                "docs/openapi.yaml and this test's table name different endpoints");

        List<String> wrong = new ArrayList<>();
        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = "/api" + fill(endpoint.substring(endpoint.indexOf(' ') + 1));
            String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
            int anonymous = call(method, path, body, null, null).statusCode();
            if (anonymous != 401) {
                wrong.add(endpoint + " without a login: " + anonymous + ", not 401");
            }
            for (String role : ROLES) {
                ItUsers.Account account = ACCOUNTS.get(role);
                HttpResponse<byte[]> answer = call(method, path, body, account.name(), account.password());
                boolean allowed = TABLE.get(endpoint).contains(role);
                int status = answer.statusCode();
                if (allowed ? status == 401 || status == 403 : status != 403) {
                    wrong.add(endpoint + " as " + role + ": " + status + (allowed ? ", should be let in" : ", not 403")
                            + " (" + new String(answer.body(), StandardCharsets.UTF_8).lines().findFirst().orElse("")
                            + ")");
                }
            }
        }
        assertEquals(List.of(), wrong, "endpoints that let in or refuse the wrong roles");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aUserIsCreatedChangesTheirPasswordIsDisabledAndTheAuditLogSaysSo() throws Exception {
        ItUsers.Account admin = ACCOUNTS.get("admin");
        ItUsers.Account auditor = ACCOUNTS.get("auditor");
        String name = PREFIX + "-carol";
        String chosenByAdmin = "chosen by admin " + ItUsers.newPassword();
        String own = "carol's own " + ItUsers.newPassword();

        HttpResponse<byte[]> created = call("POST", "/api/users", "{\"username\":\"" + name + "\",\"password\":\""
                + chosenByAdmin + "\",\"roles\":[\"supervisor\"]}", admin.name(), admin.password());
        assertEquals(201, created.statusCode(), () -> text(created));
        assertFalse(text(created).contains(chosenByAdmin), "the password is never returned");
        JsonObject me = RecorderServer.json(call("GET", "/api/users/me", null, name, chosenByAdmin)).asJsonObject();
        assertTrue(me.getBoolean("mustChangePassword"), me::toString);

        assertEquals(400, call("PUT", "/api/users/me/password", "{\"current\":\"wrong password!\",\"new\":\"" + own
                + "\"}", name, chosenByAdmin).statusCode(), "a wrong current password");
        assertEquals(204, call("PUT", "/api/users/me/password", "{\"current\":\"" + chosenByAdmin + "\",\"new\":\""
                + own + "\"}", name, chosenByAdmin).statusCode());
        assertEquals(401, call("GET", "/api/users/me", null, name, chosenByAdmin).statusCode(), "the old password");
        assertFalse(RecorderServer.json(call("GET", "/api/users/me", null, name, own)).asJsonObject()
                .getBoolean("mustChangePassword"));

        HttpResponse<byte[]> disabled = call("PUT", "/api/users/" + name, "{\"enabled\":false}", admin.name(),
                admin.password());
        assertEquals(200, disabled.statusCode(), () -> text(disabled));
        assertEquals(401, call("GET", "/api/users/me", null, name, own).statusCode(), "disabled: the next request");
        assertEquals(409, call("POST", "/api/users", "{\"username\":\"" + name + "\",\"password\":\"" + own
                + "x\",\"roles\":[\"auditor\"]}", admin.name(), admin.password()).statusCode(), "never reused");

        JsonArray ofCarol = RecorderServer.json(call("GET", "/api/audit?limit=50&user=" + name, null, auditor.name(),
                auditor.password())).asJsonArray();
        assertEquals(List.of("PASSWORD_CHANGED", "LOGIN"), actions(ofCarol), ofCarol::toString);
        JsonArray byAdmin = RecorderServer.json(call("GET", "/api/audit?limit=50&user=" + admin.name(), null,
                auditor.name(), auditor.password())).asJsonArray();
        List<String> adminActions = actions(byAdmin);
        assertEquals(List.of("USER_CHANGED", "USER_CREATED"), adminActions.stream()
                .filter(a -> a.startsWith("USER_")).toList(), byAdmin::toString);
        String change = byAdmin.stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("action").equals("USER_CHANGED")).findFirst().orElseThrow()
                .getString("detail");
        assertTrue(change.contains("\"enabled\":true") && change.contains("\"enabled\":false"), change);
        assertFalse(byAdmin.toString().contains(chosenByAdmin) || byAdmin.toString().contains(own),
                "no password on the audit log");
        assertEquals("127.0.0.1", byAdmin.getJsonObject(0).getString("address"));
    }

    private static List<String> actions(JsonArray entries) {
        return entries.stream().map(e -> e.asJsonObject().getString("action")).toList();
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    /** "VERB /path" of every operation of the document, read from its YAML (two-space indents, as written). */
    private static List<String> documentedEndpoints() throws Exception {
        Path document = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("openapi.yaml");
        Pattern pathLine = Pattern.compile("^  (/\\S*):\\s*$");
        Pattern verbLine = Pattern.compile("^    (get|put|post|delete|patch):\\s*$");
        List<String> endpoints = new ArrayList<>();
        String current = null;
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            if (line.startsWith("components:")) {
                break;
            }
            Matcher path = pathLine.matcher(line);
            Matcher verb = verbLine.matcher(line);
            if (path.matches()) {
                current = path.group(1);
            } else if (verb.matches() && current != null) {
                endpoints.add(verb.group(1).toUpperCase() + " " + current);
            }
        }
        assertTrue(endpoints.size() >= 25, "read too few endpoints from " + document + ": " + endpoints);
        return endpoints;
    }

    private static String fill(String template) {
        Matcher parameter = Pattern.compile("\\{([A-Za-z]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String value = NOTHING.get(parameter.group(1));
            assertTrue(value != null, "no harmless value for {" + parameter.group(1) + "}");
            parameter.appendReplacement(path, value);
        }
        parameter.appendTail(path);
        return path.toString();
    }

    /** The request, with Basic credentials unless {@code user} is null. */
    private static HttpResponse<byte[]> call(String method, String path, String body, String user, String password)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + RecorderServer.HOST + ":8080"
                        + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.header("Accept", "application/json, text/plain, application/yaml, audio/wav");
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
