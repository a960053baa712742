package org.activerecorder.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.activerecorder.it.support.CallControlBridge;
import org.activerecorder.it.support.CallEventClient;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.SipServerSimulator;
import org.activerecorder.it.support.TwoPartyCall;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
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
import java.time.Duration;
import java.time.Instant;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RATE;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole chain of a recording that call control did not ask for, against the real server and broker: a call event
 * (over REST, as a bridge sends it) meets a rule or a DN configured always-recorded, the recorder decides and asks
 * call control for the recording (START_RECORDING 3013 on the queue CallControlCommands), the simulated SIP Server
 * has its Media Server open the two sessions with the command's {@code record=} id and stream RTP (the rule's recording
 * is {@code REQUESTED} before they come), and the recording
 * that comes out carries the call's attached data, the decision that made it, both parties on their channels, the
 * file name and retention of the rule, and its state went back to call control as user data (ON, then OFF with the
 * file name).
 */
@ExtendWith(ArquillianExtension.class)
class CallControlSimulatorIT {

    private static final String PREFIX = "ITSIM" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    /** DNs of this run only, so that no other test's call is decided on by this run's rule or DN. */
    private static final String RULE_DN = "71" + (System.currentTimeMillis() % 1_000_000);
    private static final String ALWAYS_DN = "72" + (System.currentTimeMillis() % 1_000_000);
    private static final String BRIDGE_USER = PREFIX.toLowerCase() + "-bridge";
    private static final String BRIDGE_PASSWORD = ItUsers.newPassword();
    private static final int SECONDS = 3;

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;
    private static CallControlBridge bridge;
    private static CallEventClient callEvents;
    private static SipServerSimulator sipServer;
    private static String adminPassword;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    /** The bridge's user, role control, put into the recorder's user tables with this run's password. */
    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("simulator-users.war", new ItUsers.Account(BRIDGE_USER, BRIDGE_PASSWORD, "control"));
    }

    @BeforeAll
    static void start() throws Exception {
        recorder = new RecorderServer();
        adminPassword = recorder.adminPassword();
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (callEvents != null) {
            callEvents.close();
        }
        if (mediaServer != null) {
            mediaServer.close();
        }
    }

    /** Connected once the users' deployment has put the bridge's user in. */
    private static SipServerSimulator sipServer() throws Exception {
        if (sipServer == null) {
            bridge = new CallControlBridge(BRIDGE_USER, BRIDGE_PASSWORD, "callUuid LIKE '" + PREFIX + "%'");
            callEvents = new CallEventClient(BRIDGE_USER, BRIDGE_PASSWORD);
            sipServer = new SipServerSimulator(recorder, mediaServer, bridge);
        }
        return sipServer;
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aCallEventThatARuleMatchesIsRecordedWithTheCallsAttachedData() throws Exception {
        SipServerSimulator simulator = sipServer();
        String callUuid = PREFIX + "RULE";
        long ruleId = created(admin("POST", "/api/rules", "{\"name\":\"" + PREFIX + " gold customers\","
                + "\"priority\":1,\"dn\":\"" + RULE_DN + "\",\"userDataKey\":\"Segment\",\"userDataValue\":\"gold\","
                + "\"record\":true,\"fileNameTemplate\":\"{dn}_{ani}_{callUuid}\",\"retentionDays\":30}"));
        try {
            HttpResponse<byte[]> event = callEvents.put(callUuid, "{\"state\":\"established\",\"connId\":\"00a1\","
                    + "\"thisDn\":\"" + RULE_DN + "\",\"otherDn\":\"" + TwoPartyCall.CUSTOMER_DN + "\","
                    + "\"ani\":\"+33155501234\",\"dnis\":\"8000\",\"direction\":\"inbound\",\"agentId\":\"agent-"
                    + PREFIX + "\",\"userData\":{\"Segment\":\"gold\",\"CaseId\":\"C-77\"}}");
            assertEquals(201, event.statusCode(), () -> new String(event.body()));

            JsonObject start = simulator.awaitCommand(callUuid, "START_RECORDING", Duration.ofSeconds(20));
            assertNotNull(start, () -> "call control was never asked to record " + callUuid + "; it heard: "
                    + simulator.commandsOf(callUuid));
            assertEquals(3013, start.getInt("privateService"), start::toString);
            assertEquals(RULE_DN, start.getString("thisDn"));
            assertEquals("00a1", start.getString("connId"));
            assertTrue(start.getString("reason").contains("rule " + ruleId), start::toString);

            // before any media: the rule's recording is there, REQUESTED, under the id the Media Server will carry
            HttpResponse<byte[]> found = admin("GET", "/api/recordings?callUuid=" + callUuid, null);
            assertEquals(200, found.statusCode(), () -> new String(found.body()));
            JsonArray requested = RecorderServer.json(found).asJsonArray();
            assertEquals(1, requested.size(), requested::toString);
            assertEquals("REQUESTED", requested.getJsonObject(0).getString("state"), requested::toString);
            assertEquals(start.getString("id"), requested.getJsonObject(0).getString("requestId"));
            assertEquals(RULE_DN, requested.getJsonObject(0).getString("recordDn"));

            RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid, start.getString("id"),
                    start.getString("thisDn"), session -> RtpScript.create().audio(tone(440, SECONDS * 1000)),
                    session -> RtpScript.create().audio(tone(1000, SECONDS * 1000)));
            JsonObject recording = call.recording();
            assertEquals("COMPLETED", call.state(), call::streamsInBrief);
            assertEquals(start.getString("id"), recording.getString("requestId"), "the sessions joined by record=");
            assertEquals(RULE_DN, recording.getString("recordDn"));
            assertEquals("gold", recording.getJsonObject("userData").getString("Segment"));
            assertEquals("C-77", recording.getJsonObject("userData").getString("CaseId"));
            assertEquals("agent-" + PREFIX, recording.getString("agentId"));
            assertEquals("+33155501234", recording.getString("ani"));
            assertPartiesOnTheirChannels(call); // read from GET /api/recordings/{id}/audio: the named file is served
            assertTrue(recording.getString("audioFile").endsWith("/" + RULE_DN + "__33155501234_" + callUuid + ".wav"),
                    () -> "the rule's template names the file ('+' made '_'): " + recording.getString("audioFile"));
            assertEquals(30, recording.getInt("retentionDays"), recording::toString);
            assertEquals(Instant.parse(recording.getString("finishedAt")).plus(Duration.ofDays(30)),
                    Instant.parse(recording.getString("retainUntil")), recording::toString);

            JsonArray decisions = RecorderServer.json(admin("GET", "/api/calls/" + callUuid + "/decisions", null))
                    .asJsonArray();
            JsonObject decision = decisions.stream().map(v -> v.asJsonObject())
                    .filter(d -> d.getBoolean("record")).findFirst().orElseThrow(() -> new AssertionError(
                            "no decision to record in " + decisions));
            assertEquals("RULE", decision.getString("source"));
            assertEquals(ruleId, decision.getJsonNumber("ruleId").longValue());
            assertEquals(1, decision.getInt("ruleVersion"));
            assertEquals(start.getString("id"), decision.getString("requestId"));

            assertRecordingStateWentBack(simulator, callUuid, recording.getString("audioFile"));
        } finally {
            admin("DELETE", "/api/rules/" + ruleId, null);
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aDnConfiguredAlwaysRecordedIsRecordedWhenItsCallIsEstablished() throws Exception {
        SipServerSimulator simulator = sipServer();
        String callUuid = PREFIX + "ALWAYS";
        HttpResponse<byte[]> dn = admin("POST", "/api/dns", "{\"dn\":\"" + ALWAYS_DN + "\",\"type\":\"extension\","
                + "\"alwaysRecorded\":true,\"description\":\"" + PREFIX + "\"}");
        assertEquals(201, dn.statusCode(), () -> new String(dn.body()));
        try {
            assertEquals(201, callEvents.put(callUuid, "{\"state\":\"established\",\"thisDn\":\"" + ALWAYS_DN
                    + "\",\"direction\":\"outbound\",\"userData\":{\"Campaign\":\"renewals\"}}").statusCode());

            SipServerSimulator.AskedCall asked = simulator.recordWhenAsked(callUuid, Duration.ofSeconds(20),
                    session -> RtpScript.create().audio(tone(440, SECONDS * 1000)),
                    session -> RtpScript.create().audio(tone(1000, SECONDS * 1000)));

            assertEquals(ALWAYS_DN, asked.startCommand().getString("thisDn"));
            RecordedCall call = asked.recorded();
            assertEquals("COMPLETED", call.state(), call::streamsInBrief);
            assertEquals(asked.startCommand().getString("id"), call.recording().getString("requestId"));
            assertEquals("renewals", call.recording().getJsonObject("userData").getString("Campaign"));
            assertPartiesOnTheirChannels(call);
            JsonArray decisions = RecorderServer.json(admin("GET", "/api/calls/" + callUuid + "/decisions", null))
                    .asJsonArray();
            assertTrue(decisions.stream().anyMatch(d -> d.asJsonObject().getBoolean("record")
                    && "DN_CONFIGURATION".equals(d.asJsonObject().getString("source"))), decisions::toString);
        } finally {
            admin("DELETE", "/api/dns/" + ALWAYS_DN, null);
        }
    }

    /** Left the recorded DN's 440 Hz, right the customer's 1000 Hz, as long as what was sent. */
    private static void assertPartiesOnTheirChannels(RecordedCall call) {
        WavContent wav = call.audio();
        assertEquals(2, wav.channels());
        assertEquals(call.expectedMillis(), wav.durationMillis(), 150, "duration: both parties, aligned");
        int oneSecond = RATE;
        assertEquals(440, wav.dominantFrequency(LEFT, oneSecond, oneSecond), 10, "left: the recorded DN");
        assertEquals(1000, wav.dominantFrequency(RIGHT, oneSecond, oneSecond), 10, "right: the other party");
    }

    /** ON when the recording opened, OFF when it ended, each with the file name, as user data for call control. */
    private static void assertRecordingStateWentBack(SipServerSimulator simulator, String callUuid, String audioFile)
            throws Exception {
        JsonObject on = simulator.awaitCommand(callUuid, "USER_DATA_UPDATE", Duration.ofSeconds(10));
        assertNotNull(on, "call control heard the recording start");
        assertEquals("ON", on.getJsonObject("userData").getString("GSIP_RECORD"), on::toString);
        JsonObject off = simulator.awaitCommand(callUuid, "USER_DATA_UPDATE", Duration.ofSeconds(10));
        assertNotNull(off, "call control heard the recording end");
        assertEquals("OFF", off.getJsonObject("userData").getString("GSIP_RECORD"), off::toString);
        String file = off.getJsonObject("userData").getString("GSIP_REC_FN", "");
        assertTrue(!file.isEmpty() && (audioFile.endsWith(file) || file.endsWith(audioFile)),
                () -> "file name " + file + " names the recording's " + audioFile);
    }

    private static HttpResponse<byte[]> admin(String method, String path, String body) throws Exception {
        return recorder.send(method, path, body, "admin", adminPassword);
    }

    private static long created(HttpResponse<byte[]> response) {
        assertEquals(201, response.statusCode(), () -> new String(response.body()));
        return RecorderServer.json(response).asJsonObject().getJsonNumber("id").longValue();
    }

    private static byte[] tone(int frequency, int millis) {
        return ToneSource.encoded(frequency, millis * 8, true);
    }
}
