package org.activerecorder.it.smoke;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;

import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** HTTP requests to one deployment, anonymous or with BASIC credentials; keeps cookies (FORM sessions). */
final class WebClient {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    WebClient(URL deployment) throws Exception {
        this.base = deployment.toURI();
    }

    HttpResponse<String> get(String path, TestUsers.User user) throws Exception {
        return send(request(path, user).GET());
    }

    HttpResponse<String> post(String path, String body, TestUsers.User user) throws Exception {
        return send(request(path, user).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> postForm(String path, String form) throws Exception {
        return send(request(path, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static JsonStructure json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        }
    }

    private HttpRequest.Builder request(String path, TestUsers.User user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", basic(user.name(), user.password()));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
