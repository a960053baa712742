package org.activerecorder.it;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Users and My password pages in real headless Chromium against the provisioned server: an administrator adds
 * a user (a refused one first: the server's sentences are shown), disables and enables it and changes its roles; the
 * new user's API access follows each change; the new user chooses their own password on their page (told first that
 * theirs was chosen for them), after which only the new password works; the audit log has every step under the
 * right names; a user who is not an administrator is refused the Users page. The first administrator, on the
 * generated password, is sent to choose their own from any console page.
 */
@ExtendWith(ArquillianExtension.class)
class UsersBrowserIT {

    private static final String PREFIX = "ITUB" + Long.toHexString(System.currentTimeMillis()).toLowerCase(Locale.ROOT);
    private static final ItUsers.Account ADMIN = ItUsers.Account.of(PREFIX, "admin", "admin");
    private static final String NEWCOMER = PREFIX.toLowerCase(Locale.ROOT) + "-newcomer";
    private static final String FIRST_PASSWORD = "first-" + ItUsers.newPassword();
    private static final String OWN_PASSWORD = "own-" + ItUsers.newPassword();

    private static RecorderServer recorder;
    private static ConsoleBrowser browser;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("users-browser-users.war", ADMIN);
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
    void anAdministratorManagesAUserAndTheUserChoosesTheirOwnPassword() throws Exception {
        browser.logIn("/users.xhtml", ADMIN.name(), ADMIN.password());
        assertTrue(row(ADMIN.name()) != null, "the administrator is listed");
        assertTrue(browser.driver().findElements(By.id("nav-users")).size() == 1, "the Users link is shown to admins");

        addUser(NEWCOMER, "short", "auditor");
        List<String> problems = browser.driver().findElements(By.cssSelector("p.error")).stream()
                .map(WebElement::getText).toList();
        assertTrue(problems.stream().anyMatch(p -> p.contains("12")), "the server's sentence about the length: " + problems);
        assertTrue(browser.driver().findElements(By.xpath(usernameCell(NEWCOMER))).isEmpty(), "not added");

        addUser(NEWCOMER, FIRST_PASSWORD, "auditor");
        browser.await("the sentence naming the new user", d -> browser.find("#done").getText().contains(NEWCOMER));
        browser.await("the new user's row asking for a password",
                d -> row(NEWCOMER).getText().contains("must choose a password"));
        assertEquals(200, api(NEWCOMER, FIRST_PASSWORD), "the new user reaches the API");
        browser.screenshot("users");

        row(NEWCOMER).findElement(By.cssSelector("input[type=submit][value=Disable]")).click();
        browser.await("disabled", d -> row(NEWCOMER).getText().contains("disabled"));
        assertEquals(401, api(NEWCOMER, FIRST_PASSWORD), "a disabled user is refused");
        row(NEWCOMER).findElement(By.cssSelector("input[type=submit][value=Enable]")).click();
        browser.await("enabled", d -> row(NEWCOMER).getText().contains("enabled"));
        assertEquals(200, api(NEWCOMER, FIRST_PASSWORD), "enabled again");

        WebElement roles = row(NEWCOMER).findElement(By.cssSelector("input.roles"));
        roles.clear();
        roles.sendKeys("auditor, supervisor");
        row(NEWCOMER).findElement(By.cssSelector("input[type=submit][value='Set roles']")).click();
        browser.await("the new roles", d -> row(NEWCOMER).findElement(By.cssSelector("input.roles"))
                .getAttribute("value").contains("supervisor"));

        browser.logIn("/password.xhtml", NEWCOMER, FIRST_PASSWORD);
        assertTrue(browser.find("#must-change").isDisplayed(), "told that their password was chosen for them");
        assertTrue(browser.driver().findElements(By.id("nav-users")).isEmpty(), "no Users link for a non-admin");
        browser.find("input[name='password:current']").sendKeys(FIRST_PASSWORD);
        browser.find("input[name='password:next']").sendKeys(OWN_PASSWORD);
        browser.find("input[name='password:repeated']").sendKeys(OWN_PASSWORD);
        browser.find("input[name='password:change']").click();
        browser.await("the change", d -> browser.find("#changed").isDisplayed());
        assertEquals(401, api(NEWCOMER, FIRST_PASSWORD), "the first password is gone");
        assertEquals(200, api(NEWCOMER, OWN_PASSWORD), "their own works");
        assertEquals(403, recorder.get("/users.xhtml", NEWCOMER, OWN_PASSWORD).statusCode(),
                "the Users page is for administrators only");

        List<String> audited = new java.util.ArrayList<>(audit(ADMIN.name()));
        audited.addAll(audit(NEWCOMER));
        assertTrue(audited.contains(ADMIN.name() + " USER_CREATED"), audited::toString);
        assertTrue(audited.stream().filter((ADMIN.name() + " USER_CHANGED")::equals).count() >= 3,
                () -> "disable, enable, roles: " + audited);
        assertTrue(audited.contains(NEWCOMER + " PASSWORD_CHANGED"), audited::toString);
    }

    /**
     * The first administrator, still on the generated password, is sent to choose their own from any console page
     * (the password is not changed here: the other tests of the suite log in with the generated one).
     */
    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void theFirstAdministratorIsAskedToChooseTheirPasswordAtTheFirstLoginThroughTheConsole() throws Exception {
        browser.logIn("/recordings.xhtml", "admin", recorder.adminPassword());
        browser.await("the password page", d -> d.getCurrentUrl().endsWith("/password.xhtml"));
        assertTrue(browser.find("#must-change").isDisplayed(), "told why");
        browser.open("/users.xhtml");
        browser.await("the password page again", d -> d.getCurrentUrl().endsWith("/password.xhtml"));
        assertEquals(200, recorder.getAsAdmin("/api/users/me").statusCode(), "the API is not held");
    }

    /** "user ACTION" of the audit entries about the newcomer written by {@code user}. */
    private static List<String> audit(String user) throws Exception {
        return RecorderServer.json(recorder.get("/api/audit?limit=1000&user=" + user, ADMIN.name(), ADMIN.password()))
                .asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(entry -> NEWCOMER.equals(entry.getString("target", "")))
                .map(entry -> entry.getString("user") + " " + entry.getString("action")).toList();
    }

    private static void addUser(String name, String password, String role) {
        browser.open("/users.xhtml");
        browser.find("input[name='create:username']").sendKeys(name);
        browser.find("input[name='create:password']").sendKeys(password);
        browser.find("input[name='create:roles'][value='" + role + "']").click();
        browser.find("input[name='create:add']").click();
        browser.await("the answer", d -> !d.findElements(By.cssSelector("p.error")).isEmpty()
                || browser.find("#done").isDisplayed());
    }

    private static String usernameCell(String name) {
        return "//table[contains(@id,'users')]//tr[td/span[@class='username' and text()='" + name + "']]";
    }

    private static WebElement row(String name) {
        return browser.driver().findElement(By.xpath(usernameCell(name)));
    }

    private static int api(String user, String password) throws Exception {
        return recorder.get("/api/users/me", user, password).statusCode();
    }
}
