package org.activerecorder.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.activerecorder.it.support.CallControlBridge;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.TwoPartyCall;
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

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings over {@code /api/settings} against the provisioned server: the user-data key of the recording state,
 * given by the server's configuration (system property, environment or default), is changed by an administrator, and call control hears
 * the next call's state ON and OFF under the new key (and not the old one); the setting then says where its value
 * comes from, and who stored it. A value the recorder cannot use is refused (400, nothing stored), an auditor may read
 * but not change (403), an unknown name is 404. The change and the reset are on the audit log from -> to, the refusal
 * is not. The setting is reset at the end, as the other tests expect Genesys's key.
 */
@ExtendWith(ArquillianExtension.class)
class SettingsIT {

    private static final String PREFIX = "ITST" + Long.toHexString(System.currentTimeMillis()).toUpperCase(Locale.ROOT);
    private static final ItUsers.Account ADMIN = ItUsers.Account.of(PREFIX, "admin", "admin");
    private static final ItUsers.Account AUDITOR = ItUsers.Account.of(PREFIX, "auditor", "auditor");
    private static final ItUsers.Account BRIDGE = ItUsers.Account.of(PREFIX, "bridge", "control");
    private static final String STATE_KEY = "recorder.call-control.state-key";
    private static final String SETTING = "/api/settings/" + STATE_KEY;
    private static final String NEW_KEY = PREFIX + "_REC";

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;
    private static CallControlBridge bridge;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("settings-users.war", ADMIN, AUDITOR, BRIDGE);
    }

    @BeforeAll
    static void connect() throws Exception {
        recorder = new RecorderServer();
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (mediaServer != null) {
            mediaServer.close();
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aStoredStateKeyIsWhatCallControlHearsAndTheAuditLogSaysWhoChangedItFromWhatToWhat() throws Exception {
        bridge = new CallControlBridge(BRIDGE.name(), BRIDGE.password(), "callUuid LIKE '" + PREFIX + "%'");
        JsonObject before = setting(AUDITOR);
        String serverSource = before.getString("source");
        assertEquals("GSIP_RECORD", before.getString("value"), before::toString);
        assertTrue(List.of("system-property", "environment", "default").contains(serverSource), before::toString);
        assertFalse(before.containsKey("storedValue"), before::toString);

        assertEquals(403, put(AUDITOR, NEW_KEY).statusCode(), "an auditor reads settings, never changes them");
        HttpResponse<byte[]> refused = put(ADMIN, "GSIP RECORD");
        assertEquals(400, refused.statusCode(), () -> text(refused));
        assertEquals(STATE_KEY + " must be 1 to 64 letters, digits, '_', '-' or '.', not 'GSIP RECORD'",
                RecorderServer.json(refused).asJsonObject().getString("message"));
        assertEquals(before, setting(ADMIN), "a refused value is not stored");
        assertEquals(404, recorder.get("/api/settings/recorder.no-such-setting", ADMIN.name(), ADMIN.password())
                .statusCode());

        try {
            HttpResponse<byte[]> changed = put(ADMIN, NEW_KEY);
            assertEquals(200, changed.statusCode(), () -> text(changed));
            JsonObject after = setting(AUDITOR);
            assertEquals(List.of(NEW_KEY, "console", NEW_KEY, ADMIN.name()), List.of(after.getString("value"),
                    after.getString("source"), after.getString("storedValue"), after.getString("changedBy")));

            String callUuid = PREFIX + "-CALL";
            RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid,
                    session -> RtpScript.create().audio(ToneSource.encoded(440, 8000, true)),
                    session -> RtpScript.create().audio(ToneSource.encoded(1000, 8000, true)));
            assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
            List<JsonObject> sent = userDataUpdates(callUuid, 2);
            assertEquals(List.of("ON", "OFF"), sent.stream().map(c -> c.getJsonObject("userData")
                    .getString(NEW_KEY, "none")).toList(), sent::toString);
            sent.forEach(c -> assertFalse(c.getJsonObject("userData").containsKey("GSIP_RECORD"), c::toString));
        } finally {
            HttpResponse<byte[]> reset = recorder.send("DELETE", SETTING, null, ADMIN.name(), ADMIN.password());
            assertEquals(200, reset.statusCode(), () -> text(reset));
        }
        JsonObject reset = setting(AUDITOR);
        assertEquals(List.of("GSIP_RECORD", serverSource), List.of(reset.getString("value"),
                reset.getString("source")), "the server's configuration speaks again");

        JsonArray audit = RecorderServer.json(recorder.get("/api/audit?limit=100&user=" + ADMIN.name(), AUDITOR.name(),
                AUDITOR.password())).asJsonArray();
        List<JsonObject> changes = audit.stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("action").equals("SETTING_CHANGED")).toList();
        assertEquals(2, changes.size(), () -> "the change and the reset, not the refusal: " + audit);
        changes.forEach(e -> assertEquals(List.of("setting", STATE_KEY), List.of(e.getString("targetKind"),
                e.getString("target")), e::toString));
        assertEquals("{\"from\":{\"value\":\"" + NEW_KEY + "\",\"source\":\"console\"},\"to\":{\"value\":\"GSIP_RECORD\","
                + "\"source\":\"" + serverSource + "\"}}", changes.get(0).getString("detail"), "newest first: the reset");
        assertEquals("{\"from\":{\"value\":\"GSIP_RECORD\",\"source\":\"" + serverSource + "\"},\"to\":{\"value\":\""
                + NEW_KEY + "\",\"source\":\"console\"}}", changes.get(1).getString("detail"));
    }

    /** The next {@code count} user-data updates call control received about the call. */
    private static List<JsonObject> userDataUpdates(String callUuid, int count) throws Exception {
        List<JsonObject> sent = new ArrayList<>();
        while (sent.size() < count) {
            JsonObject next = bridge.nextCallControlCommand(Duration.ofSeconds(30));
            assertNotNull(next, () -> "call control received only " + sent + " about " + callUuid);
            if (callUuid.equals(next.getString("callUuid")) && next.getString("type").equals("USER_DATA_UPDATE")) {
                sent.add(next);
            }
        }
        return sent;
    }

    private static JsonObject setting(ItUsers.Account reader) throws Exception {
        HttpResponse<byte[]> answer = recorder.get(SETTING, reader.name(), reader.password());
        assertEquals(200, answer.statusCode(), () -> text(answer));
        return RecorderServer.json(answer).asJsonObject();
    }

    private static HttpResponse<byte[]> put(ItUsers.Account user, String value) throws Exception {
        return recorder.send("PUT", SETTING, "{\"value\":\"" + value + "\"}", user.name(), user.password());
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }
}
