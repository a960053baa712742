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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Rules and DNs pages in real headless Chromium against the provisioned server: an administrator creates two rules
 * in the page (a bad value is shown at its field first), moves the second above the first (one operation: both
 * priorities exchanged, each a new version; a move on a list another change made out of date moves nothing and says
 * why; a form opened before another's change saves nothing and says who changed the rule when), asks the tester about
 * sample calls (it names the rule the real decider picks, by the new order), disables a rule (the tester then says no),
 * and configures an always-recorded DN (the tester then says the DN decides); a supervisor uses the tester but has no
 * form; an auditor sees both pages read only, without the forms or the tester, as the API's roles say. A real SIP+RTP
 * call on that DN is then recorded. The rules match only this run's DNs.
 */
@ExtendWith(ArquillianExtension.class)
class RulesBrowserIT {

    private static final String PREFIX = "ITRB" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String ADMIN = PREFIX.toLowerCase() + "-admin";
    private static final String AUDITOR = PREFIX.toLowerCase() + "-auditor";
    private static final String SUPERVISOR = PREFIX.toLowerCase() + "-supervisor";
    private static final String SUPERVISOR_PASSWORD = ItUsers.newPassword();
    private static final String ADMIN_PASSWORD = ItUsers.newPassword();
    private static final String AUDITOR_PASSWORD = ItUsers.newPassword();
    /** Far ahead of any other run's rules, so the tester's answer is these rules'; they match only PREFIX DNs. */
    private static final int PRIORITY = -1_000_000 - (int) (System.currentTimeMillis() % 100_000) * 10;
    private static final String WIDE = PREFIX + " wide";
    private static final String NINES = PREFIX + " nines";

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
    void anAdministratorShapesTheRulesInThePageAndTheTesterFollowsThemWhileAnAuditorOnlyReads() throws Exception {
        // an administrator whose password another chose is held at the password page: this one chose their own
        String chosenForThem = ItUsers.newPassword();
        createUser(ADMIN, chosenForThem, "admin");
        HttpResponse<byte[]> own = recorder.send("PUT", "/api/users/me/password", "{\"current\":\"" + chosenForThem
                + "\",\"new\":\"" + ADMIN_PASSWORD + "\"}", ADMIN, chosenForThem);
        assertEquals(204, own.statusCode(), () -> new String(own.body(), StandardCharsets.UTF_8));
        createUser(AUDITOR, AUDITOR_PASSWORD, "auditor");
        createUser(SUPERVISOR, SUPERVISOR_PASSWORD, "supervisor");
        browser.logIn("/rules.xhtml", ADMIN, ADMIN_PASSWORD);
        assertEquals(ADMIN, browser.find("header .user").getText());

        // a bad value: the server's problem at its field, and nothing saved
        fill(Map.of("rule-name", WIDE, "rule-priority", "first", "rule-dn", PREFIX + "*",
                "rule-samplingPercent", "120"));
        browser.find("#save-rule").click();
        await("the field errors", () -> !text("#error-priority").isEmpty());
        assertEquals("priority must be a whole number, not 'first'", text("#error-priority"));
        assertEquals("samplingPercent must be from 0 to 100, not 120", text("#error-samplingPercent"));
        assertEquals("", text("#error-name"), "no problem where there is none");
        assertFalse(ruleNames().contains(WIDE), "nothing saved");
        browser.screenshot("rules-field-errors");

        fill(Map.of("rule-priority", Integer.toString(PRIORITY), "rule-samplingPercent", ""));
        saveRule(WIDE);
        fill(Map.of("rule-name", NINES, "rule-priority", Integer.toString(PRIORITY + 1), "rule-dn", PREFIX + "9*"));
        saveRule(NINES);
        assertOrder(WIDE, NINES);

        // a call on a 9x DN matches both: the first by priority decides
        assertEquals("Recorded", test(PREFIX + "95"));
        assertTrue(text("#test-reason").contains(WIDE), text("#test-reason"));

        rowButton(NINES, ".move-up").click();
        await("the rules reordered", () -> ruleNames().indexOf(NINES) < ruleNames().indexOf(WIDE));
        assertOrder(NINES, WIDE);
        assertTrue(text("#notice").endsWith(NINES + "\" moved up."), text("#notice"));
        // one operation: the two priorities exchanged, each rule's next version saved by whoever clicked
        Map<String, JsonObject> saved = savedRules();
        assertEquals(PRIORITY, saved.get(NINES).getInt("priority"), saved.get(NINES)::toString);
        assertEquals(PRIORITY + 1, saved.get(WIDE).getInt("priority"), saved.get(WIDE)::toString);
        for (String name : List.of(NINES, WIDE)) {
            assertEquals(2, saved.get(name).getInt("version"), saved.get(name)::toString);
            assertEquals(ADMIN, saved.get(name).getString("savedBy"));
            assertTrue(row(name).getText().contains(" v2"), row(name).getText());
        }

        // a rule added elsewhere after the page showed the list: the next move is refused, nothing moves
        String late = PREFIX + " late";
        HttpResponse<byte[]> added = recorder.post("/api/rules", "{\"name\":\"" + late + "\",\"priority\":"
                + (PRIORITY + 2) + ",\"dn\":\"" + PREFIX + "L*\"}", "admin", recorder.adminPassword());
        assertEquals(201, added.statusCode(), () -> new String(added.body(), StandardCharsets.UTF_8));
        rowButton(WIDE, ".move-up").click();
        await("the refusal", () -> browser.driver().findElements(By.id("rules-problem")).stream()
                .map(WebElement::getText).filter(t -> !t.isEmpty()).findFirst().orElse(null));
        assertTrue(text("#rules-problem").contains("the rules changed since this page showed them")
                && text("#rules-problem").contains(late), text("#rules-problem"));
        assertOrder(NINES, WIDE);
        assertEquals(saved.get(WIDE), savedRules().get(WIDE), "nothing changed");
        assertTrue(ruleNames().contains(late), "the list as it is now: " + ruleNames());
        assertEquals("Recorded", test(PREFIX + "95"));
        assertTrue(text("#test-reason").contains(NINES), "the moved rule now decides: " + text("#test-reason"));
        assertEquals("Recorded", test(PREFIX + "01"));
        assertTrue(text("#test-reason").contains(WIDE), "only the wide rule matches 01: " + text("#test-reason"));
        assertEquals("by RULE", text("#test-source"));
        browser.screenshot("rules");

        // two administrators: the form opened at version 2, the rule changed over REST meanwhile, then the form saved
        rowButton(WIDE, ".edit").click();
        await("the form on version 2", () -> text("#editor-title").endsWith("(version 2)") ? true : null);
        long wideId = saved.get(WIDE).getJsonNumber("id").longValue();
        HttpResponse<byte[]> meanwhile = recorder.send("PUT", "/api/rules/" + wideId, "{\"name\":\"" + WIDE
                + "\",\"priority\":" + (PRIORITY + 1) + ",\"dn\":\"" + PREFIX + "*\",\"retentionDays\":45}", "admin",
                recorder.adminPassword());
        assertEquals(200, meanwhile.statusCode(), () -> new String(meanwhile.body(), StandardCharsets.UTF_8));
        fill(Map.of("rule-retentionDays", "10"));
        browser.find("#save-rule").click();
        String refusal = await("the refusal at the top of the form", () -> browser.driver()
                .findElements(By.cssSelector("#rule-editor p.error")).stream().map(WebElement::getText)
                .filter(t -> !t.isEmpty()).findFirst().orElse(null));
        assertTrue(refusal.startsWith("This rule was changed by admin at ") && refusal.contains("since you opened it"
                + " (it is now version 3). Nothing was saved"), refusal);
        JsonObject kept = savedRules().get(WIDE);
        assertEquals(3, kept.getInt("version"), kept::toString);
        assertEquals(45, kept.getInt("retentionDays"), "the other's change is intact");
        assertEquals("10", browser.find("#rule-retentionDays").getAttribute("value"), "what was typed is kept");
        browser.screenshot("rules-edit-conflict");
        browser.find("#reload-rule").click();
        await("the form on version 3", () -> text("#editor-title").endsWith("(version 3)") ? true : null);
        assertEquals("45", browser.find("#rule-retentionDays").getAttribute("value"));
        browser.find("#cancel-rule").click();
        await("the form closed", () -> text("#editor-title").equals("New rule") ? true : null);

        rowButton(WIDE, ".switch").click();
        await("the rule disabled", () -> row(WIDE).getText().contains("disabled"));
        assertEquals("Not recorded", test(PREFIX + "01"));
        assertFalse(text("#test-reason").contains(WIDE), text("#test-reason"));

        // the DNs page: an always-recorded DN, then the tester says the DN decides
        String dn = PREFIX + "01";
        browser.open("/dns.xhtml");
        fillDn(dn, "0");
        browser.find("#save-dn").click();
        await("the DN's field error", () -> !text("#error-retentionDays").isEmpty());
        assertEquals("retentionDays must be at least 1, not 0", text("#error-retentionDays"));
        fillDn(null, "30");
        browser.find("#save-dn").click();
        await("the DN listed", () -> browser.find("#dns tbody").getText().contains(dn));
        assertTrue(browser.find("#dns tbody").getText().contains("always recorded"));
        browser.screenshot("dns");

        // the same for a DN: the form opened at version 1, changed over REST meanwhile, then saved: nothing saved
        browser.driver().findElements(By.cssSelector("#dns tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector(".dn")).getText().equals(dn)).findFirst().orElseThrow()
                .findElement(By.cssSelector(".edit")).click();
        await("the DN form on version 1", () -> text("#editor-title").endsWith("(version 1)") ? true : null);
        HttpResponse<byte[]> dnMeanwhile = recorder.send("PUT", "/api/dns/" + dn, "{\"alwaysRecorded\":true,"
                + "\"retentionDays\":30,\"description\":\"changed over REST\"}", "admin", recorder.adminPassword());
        assertEquals(200, dnMeanwhile.statusCode(), () -> new String(dnMeanwhile.body(), StandardCharsets.UTF_8));
        fillDn(null, "60");
        browser.find("#save-dn").click();
        String dnRefusal = await("the refusal at the top of the DN form", () -> browser.driver()
                .findElements(By.cssSelector("#dn-editor p.error")).stream().map(WebElement::getText)
                .filter(t -> !t.isEmpty()).findFirst().orElse(null));
        assertTrue(dnRefusal.startsWith("This DN was changed by admin at ") && dnRefusal.contains("(it is now version"
                + " 2). Nothing was saved"), dnRefusal);
        JsonObject dnNow = RecorderServer.json(recorder.getAsAdmin("/api/dns/" + dn)).asJsonObject();
        assertEquals("changed over REST", dnNow.getString("description"), "the other's change is intact");
        assertEquals(30, dnNow.getInt("retentionDays"));
        browser.find("#reload-dn").click();
        await("the DN form on version 2", () -> text("#editor-title").endsWith("(version 2)") ? true : null);
        assertEquals("changed over REST", browser.find("#dn-description").getAttribute("value"));
        browser.find("#cancel-dn").click();
        await("the DN form closed", () -> text("#editor-title").equals("New DN") ? true : null);
        browser.open("/rules.xhtml");
        assertEquals("Recorded", test(dn));
        assertEquals("by DN_CONFIGURATION", text("#test-source"));
        assertEquals("dn " + dn + " always recorded", text("#test-reason"));

        // and a real call on that DN is recorded: call control is asked, the Media Server's sessions join it
        String callUuid = PREFIX + "CALL";
        HttpResponse<byte[]> event = recorder.send("PUT", "/api/calls/" + callUuid, "{\"state\":\"established\","
                + "\"thisDn\":\"" + dn + "\",\"otherDn\":\"" + TwoPartyCall.CUSTOMER_DN + "\",\"direction\":\"inbound\"}",
                "admin", recorder.adminPassword());
        assertEquals(201, event.statusCode(), () -> new String(event.body(), StandardCharsets.UTF_8));
        JsonObject decision = RecorderServer.json(recorder.getAsAdmin("/api/calls/" + callUuid + "/decisions"))
                .asJsonArray().getJsonObject(0);
        assertEquals("DN_CONFIGURATION", decision.getString("source"), decision.toString());
        RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid, decision.getString("requestId"), dn,
                session -> RtpScript.create().audio(ToneSource.encoded(440, 1500 * 8, true)),
                session -> RtpScript.create().audio(ToneSource.encoded(1000, 1500 * 8, true)));
        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        assertEquals(dn, call.recording().getString("recordDn"));
        assertEquals(decision.getString("requestId"), call.recording().getString("requestId"));

        // a supervisor reads the rules and uses the tester, but has no rule form
        browser.logIn("/rules.xhtml", SUPERVISOR, SUPERVISOR_PASSWORD);
        assertTrue(browser.driver().findElements(By.id("rule-editor")).isEmpty(), "no rule form for a supervisor");
        assertTrue(browser.driver().findElements(By.cssSelector("#rules .move-up")).isEmpty(), "no buttons");
        assertEquals("Recorded", test(PREFIX + "95"));
        assertTrue(text("#test-reason").contains(NINES), text("#test-reason"));

        // the auditor reads both pages and can change nothing there
        browser.logIn("/rules.xhtml", AUDITOR, AUDITOR_PASSWORD);
        assertTrue(ruleNames().containsAll(List.of(WIDE, NINES)), ruleNames().toString());
        assertTrue(browser.driver().findElements(By.id("rule-editor")).isEmpty(), "no rule form for an auditor");
        assertTrue(browser.driver().findElements(By.id("tester")).isEmpty(), "no tester: the API refuses auditors");
        assertTrue(browser.driver().findElements(By.cssSelector("#rules .move-up")).isEmpty(), "no buttons");
        assertTrue(browser.find("#read-only").isDisplayed());
        browser.find("#nav-dns").click();
        await("the DNs page from the header", () -> browser.find("#dns tbody").getText().contains(dn));
        assertTrue(browser.driver().findElements(By.id("dn-editor")).isEmpty(), "no DN form for an auditor");
        assertEquals(403, recorder.post("/api/rules/test", "{\"thisDn\":\"" + dn + "\"}", AUDITOR, AUDITOR_PASSWORD)
                .statusCode(), "and the API refuses what the page does not offer");

        cleanUp(dn);
    }

    /** Types each value into its field afresh. */
    private static void fill(Map<String, String> fields) {
        fields.forEach((id, value) -> {
            WebElement field = browser.find("#" + id);
            field.clear();
            field.sendKeys(value);
        });
    }

    private static void fillDn(String dn, String retention) {
        if (dn != null) {
            browser.find("#dn-dn").sendKeys(dn);
        }
        WebElement always = browser.find("#dn-alwaysRecorded");
        if (!always.isSelected()) {
            always.click();
        }
        WebElement days = browser.find("#dn-retentionDays");
        days.clear();
        days.sendKeys(retention);
    }

    private static void saveRule(String name) {
        browser.find("#save-rule").click();
        await("rule " + name + " listed", () -> ruleNames().contains(name));
        assertTrue(text("#notice").contains(name), text("#notice"));
    }

    /** The tester's verdict on a call of {@code thisDn}: "Recorded" or "Not recorded". */
    private static String test(String thisDn) {
        browser.driver().executeScript("var r = document.getElementById('test-result'); if (r) { r.remove(); }");
        fill(Map.of("sample-thisDn", thisDn));
        new Select(browser.find("#sample-direction")).selectByValue("inbound");
        browser.find("#run-test").click();
        return await("the tester's answer", () -> browser.driver().findElements(By.id("test-verdict")).stream()
                .map(WebElement::getText).findFirst().orElse(null));
    }

    private static void assertOrder(String first, String second) {
        List<String> names = ruleNames();
        assertTrue(names.indexOf(first) >= 0 && names.indexOf(first) + 1 == names.indexOf(second),
                () -> first + " right before " + second + ": " + names);
    }

    /** This run's rules as the API lists them, by name. */
    private static Map<String, JsonObject> savedRules() throws Exception {
        Map<String, JsonObject> byName = new java.util.HashMap<>();
        for (var rule : RecorderServer.json(recorder.getAsAdmin("/api/rules")).asJsonArray()) {
            byName.put(rule.asJsonObject().getString("name"), rule.asJsonObject());
        }
        return byName;
    }

    private static List<String> ruleNames() {
        return browser.driver().findElements(By.cssSelector("#rules .rule-name")).stream().map(WebElement::getText)
                .toList();
    }

    private static WebElement row(String name) {
        return browser.driver().findElements(By.cssSelector("#rules tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector(".rule-name")).getText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + ": " + ruleNames()));
    }

    private static WebElement rowButton(String name, String css) {
        return row(name).findElement(By.cssSelector(css));
    }

    private static String text(String css) {
        return browser.find(css).getText();
    }

    /** Waits for {@code condition}, reading the page again while a postback replaces it. */
    private static <T> T await(String what, Supplier<T> condition) {
        return browser.await(what, d -> {
            try {
                return condition.get();
            } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException | AssertionError e) {
                return null;
            }
        });
    }

    private static void createUser(String name, String password, String role) throws Exception {
        HttpResponse<byte[]> created = recorder.post("/api/users", "{\"username\":\"" + name + "\",\"password\":\""
                + password + "\",\"roles\":[\"" + role + "\"]}", "admin", recorder.adminPassword());
        assertEquals(201, created.statusCode(), () -> new String(created.body(), StandardCharsets.UTF_8));
    }

    /** Takes this run's rules and DN out of use, so later runs and tests meet none of them. */
    private static void cleanUp(String dn) throws Exception {
        for (var rule : RecorderServer.json(recorder.getAsAdmin("/api/rules")).asJsonArray()) {
            var object = rule.asJsonObject();
            if (object.getString("name").startsWith(PREFIX)) {
                recorder.send("DELETE", "/api/rules/" + object.getJsonNumber("id").longValue(), null, "admin",
                        recorder.adminPassword());
            }
        }
        recorder.send("DELETE", "/api/dns/" + dn, null, "admin", recorder.adminPassword());
    }
}
