package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.ConsoleBrowser;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in real headless Chromium against the provisioned server: a supervisor logs in through the form, a real
 * SIP+RTP call with attached user data is found on the Recordings page by that data alone, its page shows the data,
 * the streams and the timeline, and its player draws the server's waveform and reports the WAV's duration; an
 * auditor (created through {@code POST /api/users}) sees and plays it too, and both plays are on the audit log.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleBrowserIT {

    private static final String PREFIX = "ITCB" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String SUPERVISOR = PREFIX.toLowerCase() + "-supervisor";
    private static final String AUDITOR = PREFIX.toLowerCase() + "-auditor";
    private static final String SUPERVISOR_PASSWORD = ItUsers.newPassword();
    private static final String AUDITOR_PASSWORD = ItUsers.newPassword();
    private static final String CASE_KEY = "CaseId";
    private static final String CASE = PREFIX + "-case";
    private static final int TONE_MILLIS = 3000;

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;
    private static ConsoleBrowser browser;

    @Deployment(name = "recorder", testable = false)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @BeforeAll
    static void connect() throws Exception {
        recorder = new RecorderServer();
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
        browser = new ConsoleBrowser("http://" + RecorderServer.HOST + ":8080");
    }

    @AfterAll
    static void disconnect() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (mediaServer != null) {
                mediaServer.close();
            }
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aCallIsFoundByItsDataAndPlayedOverItsWaveformBySupervisorAndAuditor() throws Exception {
        createUser(SUPERVISOR, SUPERVISOR_PASSWORD, "supervisor");
        createUser(AUDITOR, AUDITOR_PASSWORD, "auditor");
        String callUuid = PREFIX + "CALL";
        HttpResponse<byte[]> event = recorder.send("PUT", "/api/calls/" + callUuid, """
                {"state":"established","agentId":"%s","ani":"5551234","dnis":"8005550100","direction":"Inbound",
                 "userData":{"%s":"%s","Segment":"gold"}}""".formatted(PREFIX + "-agent", CASE_KEY, CASE),
                "admin", recorder.adminPassword());
        assertEquals(201, event.statusCode(), () -> new String(event.body(), StandardCharsets.UTF_8));
        RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create().audio(ToneSource.encoded(440, TONE_MILLIS * 8, true)),
                session -> RtpScript.create().audio(ToneSource.encoded(1000, TONE_MILLIS * 8, true)));
        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        double wavSeconds = call.audio().frames() / (double) call.rate();

        JsonObject[] byApi = RecorderServer.json(recorder.getAsAdmin("/api/recordings?ani=5551234&dnis=8005550100"
                + "&state=COMPLETED&key=" + CASE_KEY + "&value=" + CASE)).asJsonArray().getValuesAs(JsonObject.class)
                .toArray(JsonObject[]::new);
        assertEquals(1, byApi.length, () -> java.util.Arrays.toString(byApi));
        assertEquals(call.id(), byApi[0].getJsonNumber("id").longValue(), "the API's search is the page's");
        assertEquals(400, recorder.getAsAdmin("/api/recordings?state=LOST").statusCode(), "a state that is none");

        browser.logInForm("/recordings.xhtml");
        browser.screenshot("login");
        browser.logIn("/recordings.xhtml", SUPERVISOR, SUPERVISOR_PASSWORD);
        assertEquals(SUPERVISOR, browser.find("header .user").getText());
        search(Map.of("key", CASE_KEY, "value", CASE));
        List<WebElement> links = browser.driver().findElements(By.cssSelector("#recordings a.recording-link"));
        assertEquals(List.of(Long.toString(call.id())), links.stream().map(WebElement::getText).toList(),
                "the search by user data finds exactly this call");
        assertTrue(browser.find("#recordings tbody").getText().contains(CASE_KEY + "=" + CASE));
        browser.screenshot("recordings");

        search(Map.of("key", CASE_KEY, "value", CASE, "state", "FAILED"));
        assertTrue(browser.driver().findElements(By.cssSelector("#recordings a.recording-link")).isEmpty(),
                "the same data in another state: nothing");
        search(Map.of("ani", "5551234", "dnis", "8005550100", "agent", PREFIX + "-agent"));
        assertEquals(List.of(Long.toString(call.id())), browser.driver().findElements(
                By.cssSelector("#recordings a.recording-link")).stream().map(WebElement::getText).toList(),
                "found by its numbers and agent");

        browser.find("#recordings a.recording-link").click();
        assertPlayerPlaysTheCall(call, wavSeconds);
        assertEquals(callUuid, browser.find("#call-uuid").getText());
        assertTrue(browser.find("#userdata").getText().contains(CASE), browser.find("#userdata").getText());
        assertEquals(2, browser.driver().findElements(By.cssSelector("#streams tbody tr")).size());
        assertEquals(3, browser.driver().findElements(By.cssSelector("#timeline .bar")).size(),
                "a bar per stream and the pauses' bar");
        browser.screenshot("recording");

        browser.logIn("/recording.xhtml?id=" + call.id(), AUDITOR, AUDITOR_PASSWORD);
        assertEquals(AUDITOR, browser.find("header .user").getText());
        assertPlayerPlaysTheCall(call, wavSeconds);
        browser.open("/recording.xhtml?id=999999999");
        assertEquals("There is no recording 999999999.", browser.find("#problem").getText());
        assertTrue(browser.driver().findElements(By.id("waveform")).isEmpty(), "no player for no recording");

        JsonObject[] entries = RecorderServer.json(recorder.getAsAdmin("/api/audit?limit=100&recordingId=" + call.id()))
                .asJsonArray().getValuesAs(JsonObject.class).toArray(JsonObject[]::new);
        Set<String> played = java.util.Arrays.stream(entries).filter(e -> "AUDIO_DOWNLOADED".equals(e.getString("action")))
                .map(e -> e.getString("user")).collect(Collectors.toSet());
        assertTrue(played.containsAll(Set.of(SUPERVISOR, AUDITOR)), () -> "audit of the recording: "
                + java.util.Arrays.toString(entries));
    }

    /**
     * More matches than a page holds: "Older" walks to the rest and "Newer" back, every match on exactly one page,
     * newest first, and the search's fields ride along in the links. The matches are recordings started on request
     * and stopped before any media came (FAILED at once): a page's worth of recordings in a second.
     */
    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void theSearchPagesThroughEveryMatch() throws Exception {
        String dn = PREFIX + "-PAGED";
        int count = 27; // the page holds 25
        List<Long> made = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String callUuid = PREFIX + "-P" + i;
            HttpResponse<byte[]> start = recorder.post("/api/calls/" + callUuid + "/recording/start",
                    "{\"dn\":\"" + dn + "\"}", "admin", recorder.adminPassword());
            assertEquals(202, start.statusCode(), () -> new String(start.body(), StandardCharsets.UTF_8));
            made.add(RecorderServer.json(start).asJsonObject().getJsonNumber("recordingId").longValue());
            HttpResponse<byte[]> stop = recorder.post("/api/calls/" + callUuid + "/recording/stop", "{}", "admin",
                    recorder.adminPassword());
            assertEquals(200, stop.statusCode(), () -> new String(stop.body(), StandardCharsets.UTF_8));
        }
        String pager = PREFIX.toLowerCase() + "-pager";
        String password = ItUsers.newPassword();
        createUser(pager, password, "supervisor");
        browser.logIn("/recordings.xhtml", pager, password);
        search(Map.of("dn", dn, "state", "FAILED"));

        List<String> first = ids();
        assertEquals(25, first.size(), "a full first page");
        assertTrue(browser.driver().findElements(By.id("previous")).isEmpty(), "nothing newer than the first page");
        browser.find("#next").click();
        browser.await("the second page", d -> d.getCurrentUrl().contains("page=1"));
        List<String> second = ids();
        assertTrue(browser.driver().findElements(By.id("next")).isEmpty(), "nothing older than the last page");
        List<String> walked = new java.util.ArrayList<>(first);
        walked.addAll(second);
        List<String> expected = made.stream().sorted(java.util.Comparator.reverseOrder()).map(String::valueOf).toList();
        assertEquals(expected, walked, "every match once, the newest first");
        assertEquals(dn, browser.find("#search [name='dn']").getAttribute("value"), "the search rode along");

        browser.find("#previous").click();
        browser.await("the first page again", d -> !d.getCurrentUrl().contains("page=1"));
        assertEquals(first, ids());
    }

    private static List<String> ids() {
        return browser.driver().findElements(By.cssSelector("#recordings a.recording-link")).stream()
                .map(WebElement::getText).toList();
    }

    /** Fills the Recordings page's form afresh with {@code fields} and submits it. */
    private static void search(Map<String, String> fields) {
        browser.open("/recordings.xhtml");
        fields.forEach((name, value) -> {
            WebElement field = browser.find("#search [name='" + name + "']");
            if ("select".equals(field.getTagName())) {
                new org.openqa.selenium.support.ui.Select(field).selectByValue(value);
            } else {
                field.sendKeys(value);
            }
        });
        browser.find("#search-button").click();
        browser.await("the search's results", d -> d.getCurrentUrl().contains("?"));
    }

    /**
     * The page's player: the waveform drawn from the server's peaks (its canvas has inked pixels), the peaks spanning
     * the WAV, and the audio element's duration the WAV's, which is the call's.
     */
    private static void assertPlayerPlaysTheCall(RecordedCall call, double wavSeconds) throws Exception {
        browser.await("the waveform drawn", d -> "true".equals(browser.find("#waveform").getAttribute("data-drawn")));
        browser.await("the audio's duration", d -> browser.find("#waveform").getAttribute("data-duration") != null);
        double duration = ((Number) browser.script("return window.recorderPlayer.wavesurfer.getDuration();"))
                .doubleValue();
        double element = ((Number) browser.script(
                "return window.recorderPlayer.wavesurfer.backend.media.duration;")).doubleValue();
        assertEquals(wavSeconds, element, 0.01, "the <audio> element's duration is the WAV's");
        assertEquals(element, duration, 1e-6, "the player reports the element's duration, not one it was given");
        assertEquals(call.expectedMillis() / 1000.0, duration, 0.1, "the call lasted that long");
        double peaksSeconds = Double.parseDouble(browser.find("#waveform").getAttribute("data-peaks-seconds"));
        assertTrue(peaksSeconds >= wavSeconds && peaksSeconds < wavSeconds + 0.1,
                () -> "the peaks span the WAV: " + peaksSeconds + " s for " + wavSeconds + " s");
        long inked = ((Number) browser.script("""
                var inked = 0;
                document.querySelectorAll('#waveform canvas').forEach(function (canvas) {
                    if (canvas.width === 0 || canvas.height === 0) { return; }
                    var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                    for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { inked++; } }
                });
                return inked;""")).longValue();
        assertTrue(inked > 1000, "the waveform's canvases are drawn on: " + inked + " pixels inked");

        browser.find("#play").click();
        browser.await("the audio playing", d -> ((Number) browser.script(
                "return window.recorderPlayer.wavesurfer.getCurrentTime();")).doubleValue() > 0.2);
        browser.script("window.recorderPlayer.wavesurfer.pause(); window.recorderPlayer.wavesurfer.seekTo(0.5);");
        double at = ((Number) browser.script("return window.recorderPlayer.wavesurfer.getCurrentTime();"))
                .doubleValue();
        // A browser seeks in a file only when the server answers byte ranges: then a click on the waveform's middle
        // plays from the audio's middle; without, the page says why it cannot.
        if (answersRanges(call)) {
            assertEquals("true", browser.find("#waveform").getAttribute("data-seekable"));
            assertEquals(duration / 2, at, 0.05, "a seek to the waveform's middle is the audio's middle");
        } else {
            assertEquals("false", browser.find("#waveform").getAttribute("data-seekable"));
            assertTrue(browser.find("#player-status").getText().startsWith("Seeking is not available"),
                    browser.find("#player-status").getText());
        }
    }

    private static boolean answersRanges(RecordedCall call) throws Exception {
        HttpResponse<byte[]> audio = recorder.getAsAdmin("/api/recordings/" + call.id() + "/audio");
        return audio.headers().allValues("Accept-Ranges").contains("bytes");
    }

    private static void createUser(String name, String password, String role) throws Exception {
        HttpResponse<byte[]> created = recorder.post("/api/users", "{\"username\":\"" + name + "\",\"password\":\""
                + password + "\",\"roles\":[\"" + role + "\"]}", "admin", recorder.adminPassword());
        assertEquals(201, created.statusCode(), () -> new String(created.body(), StandardCharsets.UTF_8));
    }
}
