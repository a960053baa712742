package org.activerecorder.application.users;

import org.activerecorder.domain.model.user.Role;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a username, a password and a set of roles acceptable. Each check returns every problem found, and no
 * problem ever repeats the password.
 */
final class AccountRules {

    static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads at most 72 bytes of a password; a longer one would be silently cut, so it is refused. */
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** Names the API or the audit log already mean something by. */
    private static final Set<String> RESERVED = Set.of("me", "system", "anonymous");

    private AccountRules() {
    }

    static List<String> username(String username) {
        if (username == null) {
            return List.of("username is missing");
        }
        if (!USERNAME.matcher(username).matches()) {
            return List.of("username must be 1 to 64 letters, digits or '._@-', not '" + username + "'");
        }
        if (RESERVED.contains(username.toLowerCase(Locale.ROOT))) {
            return List.of("username '" + username + "' is reserved; the reserved names are " + RESERVED);
        }
        return List.of();
    }

    static List<String> password(String username, String password, String field) {
        if (password == null) {
            return List.of(field + " is missing");
        }
        List<String> problems = new ArrayList<>();
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            problems.add(field + " must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            problems.add(field + " must have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (bcrypt reads no more)");
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            problems.add(field + " must not be the username");
        }
        return problems;
    }

    /** The roles named, or the problems with them (each name must be a role; at least one). */
    static Set<Role> roles(List<String> names, List<String> problems) {
        if (names == null) {
            problems.add("roles is missing");
            return Set.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            try {
                roles.add(Role.valueOf(name));
            } catch (IllegalArgumentException | NullPointerException unknown) {
                problems.add("'" + name + "' is not a role; the roles are " + EnumSet.allOf(Role.class));
            }
        }
        if (names.isEmpty()) {
            problems.add("roles must name at least one role; the roles are " + EnumSet.allOf(Role.class));
        }
        return roles;
    }
}
