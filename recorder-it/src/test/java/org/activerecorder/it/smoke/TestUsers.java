package org.activerecorder.it.smoke;

import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The users a smoke deployment puts into the recorder's security tables, with passwords generated for
 * this run (none is kept in the repository). The deployment reads them from {@code /it-users.properties}.
 */
public final class TestUsers {

    /** One user: name, clear password (for the client side), comma-separated roles, enabled or not. */
    public record User(String name, String password, String roles, boolean enabled) {
    }

    public final User admin;
    public final User events;
    public final User supervisor;
    public final User disabled;

    private TestUsers(String prefix) {
        admin = new User(prefix + "-admin", newPassword(), "admin", true);
        events = new User(prefix + "-events", newPassword(), "events", true);
        supervisor = new User(prefix + "-supervisor", newPassword(), "supervisor", true);
        disabled = new User(prefix + "-disabled", newPassword(), "admin", false);
    }

    /** Users whose names start with {@code prefix}, so that two deployments never share one. */
    public static TestUsers withPrefix(String prefix) {
        return new TestUsers(prefix);
    }

    public List<User> all() {
        return List.of(admin, events, supervisor, disabled);
    }

    public Asset asProperties() {
        StringBuilder text = new StringBuilder();
        for (User user : all()) {
            text.append(user.name()).append(".password=").append(user.password()).append('\n')
                    .append(user.name()).append(".roles=").append(user.roles()).append('\n')
                    .append(user.name()).append(".enabled=").append(user.enabled()).append('\n');
        }
        return new StringAsset(text.toString());
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
