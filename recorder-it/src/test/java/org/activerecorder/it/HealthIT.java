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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MicroProfile Health on the real server's management interface (127.0.0.1:9990, no login): with the recorder
 * deployed, {@code /health/ready} is UP with the recorder's four checks, each naming what it probed: SIP listening
 * where the tests send it (udp 127.0.0.1:5060), the RTP adapter's receive loops and port pairs, the database's answer
 * to {@code SELECT 1}, the broker's JMS provider; {@code /health} holds them too and {@code /health/live} is UP.
 */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    private static final String MANAGEMENT = "http://" + RecorderServer.HOST + ":9990";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(name = "recorder", testable = false)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void readyNamesWhatEachOfTheRecordersChecksProbed() throws Exception {
        JsonObject ready = health("/health/ready", 200);
        assertEquals("UP", ready.getString("status"), ready::toString);
        Map<String, JsonObject> checks = checks(ready);

        JsonObject sip = data(checks, "recorder-sip");
        assertTrue(sip.getBoolean("listening"), sip::toString);
        assertEquals("127.0.0.1:5060", sip.getString("udp"), "where the tests send SIP");
        assertTrue(sip.getJsonNumber("sessions").longValue() >= 0, sip::toString);

        JsonObject rtp = data(checks, "recorder-rtp");
        assertTrue(rtp.getJsonNumber("receiveLoops").longValue() >= 1, rtp::toString);
        assertTrue(rtp.getJsonNumber("portPairsFree").longValue() > 0, rtp::toString);
        assertTrue(rtp.containsKey("streamsOpen") && rtp.containsKey("portPairsInUse"), rtp::toString);

        JsonObject database = data(checks, "recorder-database");
        assertEquals("recorder", database.getString("persistenceUnit"));
        assertEquals("1", database.getString("answer"), "SELECT 1 answered");

        JsonObject broker = data(checks, "recorder-broker");
        assertEquals("java:/ConnectionFactory", broker.getString("connectionFactory"));
        assertTrue(broker.getString("provider").contains("ActiveMQ"), broker::toString);

        String text = ready.toString();
        assertFalse(text.contains("/standalone/") || text.toLowerCase().contains("password"),
                () -> "no path, no secret: " + text);
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void healthHoldsTheChecksAndLiveIsUp() throws Exception {
        JsonObject all = health("/health", 200);
        assertEquals("UP", all.getString("status"), all::toString);
        assertTrue(checks(all).keySet().containsAll(java.util.Set.of("recorder-sip", "recorder-rtp",
                "recorder-database", "recorder-broker")), all::toString);

        JsonObject live = health("/health/live", 200);
        assertEquals("UP", live.getString("status"), live::toString);
    }

    private static JsonObject health(String path, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(MANAGEMENT + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(status, response.statusCode(), response::body);
        return RecorderServer.json(response.body()).asJsonObject();
    }

    private static Map<String, JsonObject> checks(JsonObject health) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(check -> check.getString("name"), Function.identity(), (a, b) -> a));
    }

    private static JsonObject data(Map<String, JsonObject> checks, String name) {
        JsonObject check = checks.get(name);
        assertTrue(check != null, () -> "no check " + name + " among " + checks.keySet());
        assertEquals("UP", check.getString("status"), check::toString);
        return check.getJsonObject("data");
    }
}
