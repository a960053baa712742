package org.activerecorder.it.support;

import org.activerecorder.it.smoke.deployment.SecurityTables;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The deployments an integration test makes: the recorder's EAR as built, and a small WAR that puts the test's own
 * users (each with a password of this run and one role) into the recorder's user tables at deployment.
 */
public final class ItUsers {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user of one test run. */
    public record Account(String name, String password, String role) {

        /** {@code <prefix>-<suffix>} in lower case, with a fresh password. */
        public static Account of(String prefix, String suffix, String role) {
            return new Account(prefix.toLowerCase() + "-" + suffix, newPassword(), role);
        }
    }

    private ItUsers() {
    }

    /** The recorder's EAR, as the build made it. */
    public static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    /** A WAR named {@code warName} that adds these users when it is deployed (see {@link SecurityTables}). */
    public static WebArchive deployment(String warName, Account... accounts) {
        StringBuilder properties = new StringBuilder();
        for (Account account : accounts) {
            properties.append(account.name()).append(".password=").append(account.password()).append('\n')
                    .append(account.name()).append(".roles=").append(account.role()).append('\n');
        }
        return ShrinkWrap.create(WebArchive.class, warName)
                .addClass(SecurityTables.class)
                .addPackages(true, "at.favre.lib")
                .addAsResource(new StringAsset(properties.toString()), "it-users.properties");
    }

    /** 18 random bytes, URL-safe base64: a password no other run has. */
    public static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
