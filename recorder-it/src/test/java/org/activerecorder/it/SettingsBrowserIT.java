package org.activerecorder.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.activerecorder.it.support.ConsoleBrowser;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Settings page in real headless Chromium against the provisioned server: an administrator types a value the
 * setting cannot use and sees the reason at the field (the value kept there to correct, nothing stored), then a good
 * one, which the page and the API show in effect from the console; a reset gives the server's configuration back. The
 * audit log has the change and the reset under the administrator's name. An auditor sees the same table without a
 * field or a button, and no Settings link.
 */
@ExtendWith(ArquillianExtension.class)
class SettingsBrowserIT {

    private static final String PREFIX = "ITSB" + Long.toHexString(System.currentTimeMillis()).toLowerCase(Locale.ROOT);
    private static final ItUsers.Account ADMIN = ItUsers.Account.of(PREFIX, "admin", "admin");
    private static final ItUsers.Account AUDITOR = ItUsers.Account.of(PREFIX, "auditor", "auditor");
    private static final String TIMEOUT = "recorder.requested-timeout-seconds";

    private static RecorderServer recorder;
    private static ConsoleBrowser browser;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("settings-browser-users.war", ADMIN, AUDITOR);
    }

    @BeforeAll
    static void start() throws Exception {
        recorder = new RecorderServer();
        browser = new ConsoleBrowser("http://" + RecorderServer.HOST + ":8080");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void anAdministratorChangesASettingSeesARefusalAtTheFieldAndTheAuditLogHasTheChange() throws Exception {
        browser.logIn("/settings.xhtml", ADMIN.name(), ADMIN.password());
        assertEquals(1, browser.driver().findElements(By.id("nav-settings")).size(), "the Settings link for admins");
        assertEquals(8, browser.driver().findElements(By.cssSelector("table.settings tbody tr")).size());
        String serverValue = field(TIMEOUT).getAttribute("value");
        String serverSource = source(TIMEOUT);
        assertTrue(List.of("system-property", "environment", "default").contains(serverSource), serverSource);

        try {
            save(TIMEOUT, "soon");
            browser.await("the refusal at the field", d -> !error(TIMEOUT).isEmpty());
            assertEquals(TIMEOUT + " must be a number from 1 to 86400, not 'soon'", error(TIMEOUT));
            assertEquals("soon", field(TIMEOUT).getAttribute("value"), "kept in the field to correct");
            assertFalse(api().containsKey("storedValue"), "nothing stored");

            save(TIMEOUT, "90");
            browser.await("the change", d -> browser.find("#done").isDisplayed());
            assertEquals(List.of("90", "console"), List.of(field(TIMEOUT).getAttribute("value"), source(TIMEOUT)));
            assertEquals("", error(TIMEOUT));
            JsonObject stored = api();
            assertEquals(List.of("90", "console", ADMIN.name()), List.of(stored.getString("value"),
                    stored.getString("source"), stored.getString("changedBy")));
            browser.screenshot("settings");
        } finally {
            if (api().containsKey("storedValue")) {
                row(TIMEOUT).findElement(By.cssSelector("input[type=submit][value=Reset]")).click();
                browser.await("the reset", d -> source(TIMEOUT).equals(serverSource));
            }
        }
        assertFalse(api().containsKey("storedValue"), "reset");

        List<String> audited = RecorderServer.json(recorder.get("/api/audit?limit=100&user=" + ADMIN.name(),
                        AUDITOR.name(), AUDITOR.password())).asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(e -> TIMEOUT.equals(e.getString("target", "")))
                .map(e -> e.getString("action") + " " + e.getString("detail")).toList();
        assertEquals(List.of(
                "SETTING_CHANGED {\"from\":{\"value\":\"90\",\"source\":\"console\"},\"to\":{\"value\":\"" + serverValue
                        + "\",\"source\":\"" + serverSource + "\"}}",
                "SETTING_CHANGED {\"from\":{\"value\":\"" + serverValue + "\",\"source\":\"" + serverSource
                        + "\"},\"to\":{\"value\":\"90\",\"source\":\"console\"}}"), audited,
                "the reset, then the change; not the refusal");

        browser.logIn("/settings.xhtml", AUDITOR.name(), AUDITOR.password());
        assertEquals(8, browser.driver().findElements(By.cssSelector("table.settings tbody tr")).size(),
                "an auditor reads every setting");
        assertEquals(serverValue, row(TIMEOUT).findElement(By.cssSelector("span.value")).getText());
        assertTrue(browser.driver().findElements(By.cssSelector("table.settings input")).isEmpty(), "read-only");
        assertEquals(1, browser.driver().findElements(By.id("nav-settings")).size(), "readers find the page too");
    }

    private static void save(String name, String value) {
        WebElement field = field(name);
        field.clear();
        field.sendKeys(value);
        row(name).findElement(By.cssSelector("input[type=submit][value=Save]")).click();
    }

    private static WebElement row(String name) {
        return browser.driver().findElement(By.xpath("//table[contains(@class,'settings')]//tr[td/span[@class='name'"
                + " and text()='" + name + "']]"));
    }

    private static WebElement field(String name) {
        return row(name).findElement(By.cssSelector("input.value"));
    }

    private static String error(String name) {
        return row(name).findElement(By.cssSelector("form .field-error")).getText();
    }

    private static String source(String name) {
        return row(name).findElement(By.cssSelector("span.source")).getText();
    }

    private static JsonObject api() throws Exception {
        return RecorderServer.json(recorder.get("/api/settings/" + TIMEOUT, ADMIN.name(), ADMIN.password()))
                .asJsonObject();
    }
}
