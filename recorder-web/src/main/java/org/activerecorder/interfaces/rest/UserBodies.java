package org.activerecorder.interfaces.rest;

import org.activerecorder.application.users.NewUser;
import org.activerecorder.application.users.UserChange;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * The three bodies of {@code /api/users}, each read field by field (an unknown field is a 400). Each reader keeps its
 * field list as {@code FIELDS}, which the OpenAPI test compares with the document.
 */
final class UserBodies {

    private UserBodies() {
    }

    /** {@code POST /api/users}. */
    static final class NewUserBody {
        private static final Set<String> FIELDS = Set.of("username", "password", "roles");

        private NewUserBody() {
        }

        static NewUser read(InputStream body) {
            JsonBody json = JsonBody.read(body, FIELDS);
            NewUser user = new NewUser(json.text("username"), json.text("password"), json.texts("roles"));
            failOnProblems(json);
            return user;
        }
    }

    /** {@code PUT /api/users/{username}}: every field optional. */
    static final class UserChangeBody {
        private static final Set<String> FIELDS = Set.of("roles", "password", "enabled");

        private UserChangeBody() {
        }

        static UserChange read(InputStream body) {
            JsonBody json = JsonBody.read(body, FIELDS);
            // roles left out stay as they are; an empty array is a request for none, and refused as such
            UserChange change = new UserChange(json.has("roles") ? json.texts("roles") : null, json.text("password"),
                    json.bool("enabled"));
            failOnProblems(json);
            return change;
        }
    }

    /** {@code PUT /api/users/me/password}. */
    static final class PasswordChangeBody {
        private static final Set<String> FIELDS = Set.of("current", "new");

        private PasswordChangeBody() {
        }

        /** The current and the new password, in this order. */
        static List<String> read(InputStream body) {
            JsonBody json = JsonBody.read(body, FIELDS);
            String current = json.text("current");
            String next = json.text("new");
            failOnProblems(json);
            return java.util.Arrays.asList(current, next);
        }
    }

    private static void failOnProblems(JsonBody json) {
        if (!json.problems().isEmpty()) {
            throw JsonBody.invalid(json.problems());
        }
    }
}
