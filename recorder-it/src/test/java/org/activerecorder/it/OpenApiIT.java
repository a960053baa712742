package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document on the real server: WildFly's MicroProfile OpenAPI serves OUR document ({@code docs/openapi.yaml}
 * as built into recorder-web) at {@code /openapi} without a login, with exactly its operations (nothing scanned from
 * the annotations added), in YAML and in JSON; {@code /api/openapi.yaml} still serves it, with a login.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern OPERATION_ID = Pattern.compile("(?m)^\\s+operationId: (\\w+)\\s*$");

    @Deployment(name = "recorder", testable = false)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void slashOpenapiServesOurDocumentWithoutALoginAndNothingScanned() throws Exception {
        Set<String> ours = operationIds(Files.readString(document(), StandardCharsets.UTF_8));
        assertTrue(ours.size() > 20, () -> "operations in docs/openapi.yaml: " + ours);

        HttpResponse<String> yaml = get("/openapi", "application/yaml");
        assertEquals(200, yaml.statusCode(), yaml::body);
        assertTrue(yaml.body().contains("title: Active Recorder API"), yaml::body);
        assertEquals(ours, operationIds(yaml.body()), "the operations of docs/openapi.yaml, no other");

        HttpResponse<String> json = get("/openapi?format=JSON", "application/json");
        assertEquals(200, json.statusCode(), json::body);
        JsonObject document = RecorderServer.json(json.body()).asJsonObject();
        assertEquals("Active Recorder API", document.getJsonObject("info").getString("title"));
        assertEquals("http://127.0.0.1:8080/api", document.getJsonArray("servers").getJsonObject(0).getString("url"),
                "the document's own server: its paths are under /api");
        Set<String> paths = new TreeSet<>(document.getJsonObject("paths").keySet());
        assertTrue(paths.contains("/recordings/{id}/audio") && paths.contains("/calls/{callUuid}"), paths::toString);
        assertTrue(paths.stream().noneMatch(path -> path.startsWith("/api/")),
                () -> "no path scanned from the resources (they would start with /api): " + paths);
        String operation = document.getJsonObject("paths").getJsonObject("/recordings/{id}/audio")
                .getJsonObject("get").getString("operationId");
        assertEquals("getRecordingAudio", operation);
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void apiOpenapiYamlStillServesItWithALogin() throws Exception {
        RecorderServer recorder = new RecorderServer();
        assertEquals(401, recorder.get("/api/openapi.yaml", null, null).statusCode());
        HttpResponse<byte[]> withLogin = recorder.getAsAdmin("/api/openapi.yaml");
        assertEquals(200, withLogin.statusCode());
        assertEquals(Files.readString(document(), StandardCharsets.UTF_8),
                new String(withLogin.body(), StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + RecorderServer.HOST + ":8080" + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", accept).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Set<String> operationIds(String yaml) {
        Set<String> ids = new TreeSet<>();
        Matcher matcher = OPERATION_ID.matcher(yaml);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** docs/openapi.yaml of this checkout (the tests run in recorder-it). */
    private static Path document() {
        return Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("openapi.yaml");
    }
}
