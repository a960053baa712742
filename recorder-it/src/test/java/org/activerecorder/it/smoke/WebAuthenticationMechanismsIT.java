package org.activerecorder.it.smoke;

import jakarta.json.JsonObject;
import org.activerecorder.it.smoke.deployment.SecurityTables;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web log-in the recorder's WARs use: {@code <auth-method>BASIC?silent=true,FORM</auth-method>}.
 * API clients that send an Authorization header are logged in by BASIC; a browser that sends none gets
 * the log-in form. The WAR names no security domain, so it gets the server's default, "recorder".
 */
@ExtendWith(ArquillianExtension.class)
class WebAuthenticationMechanismsIT {

    private static final TestUsers USERS = TestUsers.withPrefix("console");
    private static final String LOGIN_FORM_MARK = "recorder-login-form";

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive console() {
        return ShrinkWrap.create(WebArchive.class, "console.war")
                .addPackage(SecurityTables.class.getPackage())
                .addPackages(true, "at.favre.lib")
                .addAsResource(USERS.asProperties(), "it-users.properties")
                .addAsWebResource(new StringAsset("""
                        <html><body id="%s">
                        <form method="post" action="j_security_check">
                          <input name="j_username"/><input name="j_password" type="password"/>
                        </form>
                        </body></html>
                        """.formatted(LOGIN_FORM_MARK)), "login.html")
                .addAsWebResource(new StringAsset("<html><body>log-in failed</body></html>"), "login-error.html")
                .addAsWebInfResource(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <login-config>
                                <auth-method>BASIC?silent=true,FORM</auth-method>
                                <realm-name>Recorder</realm-name>
                                <form-login-config>
                                    <form-login-page>/login.html</form-login-page>
                                    <form-error-page>/login-error.html</form-error-page>
                                </form-login-config>
                            </login-config>
                        </web-app>
                        """), "web.xml");
    }

    @Test
    void aBrowserWithoutCredentialsGetsTheLoginForm() throws Exception {
        HttpResponse<String> response = new WebClient(deployment).get("secure/whoami", null);

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains(LOGIN_FORM_MARK), response.body());
    }

    @Test
    void aBrowserLogsInWithTheForm() throws Exception {
        WebClient browser = new WebClient(deployment);
        browser.get("secure/whoami", null);

        HttpResponse<String> response = browser.postForm("j_security_check",
                "j_username=" + encode(USERS.admin.name()) + "&j_password=" + encode(USERS.admin.password()));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject me = WebClient.json(response).asJsonObject();
        assertEquals(USERS.admin.name(), me.getString("user"));
        assertEquals("FORM", me.getString("authType"));
    }

    @Test
    void anApiClientThatSendsBasicCredentialsIsLoggedInByBasic() throws Exception {
        HttpResponse<String> response = new WebClient(deployment).get("secure/whoami", USERS.events);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject me = WebClient.json(response).asJsonObject();
        assertEquals(USERS.events.name(), me.getString("user"));
        assertEquals("BASIC", me.getString("authType"));
        assertTrue(me.getJsonObject("roles").getBoolean("events"));
    }

    @Test
    void anApiClientWithAWrongPasswordIsRefused() throws Exception {
        TestUsers.User wrongPassword = new TestUsers.User(USERS.events.name(), "not-" + USERS.events.password(), "", true);

        HttpResponse<String> response = new WebClient(deployment).get("secure/whoami", wrongPassword);

        assertEquals(401, response.statusCode(), response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
