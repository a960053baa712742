package org.activerecorder.it;

import jakarta.json.JsonValue;
import org.activerecorder.it.support.ConsoleBrowser;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.StandaloneServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The first administrator's first login through the console, to the end: sent from the page asked for to My password,
 * the generated password replaced by one of their own, and the file that held the generated one deleted; the API then
 * takes the new password and refuses the generated one, and the change is on the audit log.
 *
 * <p>On a server of its own (a copy of the provisioned one with the EAR, ports shifted by 400, a database of its own),
 * because the suite's server must keep its generated password for every other test. Its database must be new for
 * the first administrator to be made: on H2 it is the copy's own; on PostgreSQL the build has one spare database,
 * which {@link CrashRecoveryIT}'s server has already used, so this test runs in the H2 round only.
 */
class FirstAdministratorBrowserIT {

    private static final int PORT_OFFSET = 400;
    private static final int SIP_PORT = 5060 + PORT_OFFSET;

    @Test
    void theFirstAdministratorChoosesTheirOwnPasswordAndTheGeneratedOneIsGone() throws Exception {
        assumeTrue(System.getProperty(StandaloneServer.DATABASE_URL) == null,
                "needs a new database: the PostgreSQL round's spare one is CrashRecoveryIT's");
        Path template = Path.of(System.getProperty("jboss.home", "target/server"));
        try (StandaloneServer server = new StandaloneServer(template, Path.of("target/first-admin-server"),
                RecorderServer.ear().toPath(), PORT_OFFSET, List.of(
                "-Drecorder.sip.port=" + SIP_PORT,
                "-Drecorder.rtp.port-min=34000", "-Drecorder.rtp.port-max=34199"))) {
            server.start(Duration.ofSeconds(120));
            RecorderServer recorder = new RecorderServer(server.home(), server.httpPort(), SIP_PORT);
            Path file = server.home().resolve("standalone/data/recorder/initial-admin-password");
            String generated = recorder.adminPassword();
            String chosen = ItUsers.newPassword();

            try (ConsoleBrowser browser = new ConsoleBrowser("http://" + RecorderServer.HOST + ":" + server.httpPort())) {
                browser.logIn("/recordings.xhtml", "admin", generated);
                browser.await("the password page", d -> d.getCurrentUrl().endsWith("/password.xhtml"));
                assertTrue(browser.find("#must-change").isDisplayed(), "told that the password was chosen for them");
                browser.find("input[name='password:current']").sendKeys(generated);
                browser.find("input[name='password:next']").sendKeys(chosen);
                browser.find("input[name='password:repeated']").sendKeys(chosen);
                browser.find("input[name='password:change']").click();
                browser.await("the change", d -> browser.find("#changed").isDisplayed());
                browser.open("/users.xhtml");
                assertTrue(browser.driver().getCurrentUrl().endsWith("/users.xhtml"), "no longer sent away");
            }

            assertFalse(Files.exists(file), "the generated password's file is deleted once the change is made");
            assertEquals(401, recorder.get("/api/users/me", "admin", generated).statusCode(), "the generated one");
            assertEquals(200, recorder.get("/api/users/me", "admin", chosen).statusCode(), "their own");
            List<String> actions = RecorderServer.json(recorder.get("/api/audit?user=admin&limit=100", "admin", chosen))
                    .asJsonArray().stream().map(JsonValue::asJsonObject).map(e -> e.getString("action")).toList();
            assertTrue(actions.contains("PASSWORD_CHANGED"), actions::toString);
        }
    }
}
