package org.activerecorder.application.users;

import org.activerecorder.domain.model.user.Role;
import org.activerecorder.domain.model.user.UserAccount;

import java.util.List;

/**
 * A user as the API shows it: never the password or its hash. {@code roles} in the order of {@link Role};
 * {@code mustChangePassword} when the password was chosen for them (generated, or set by an administrator).
 */
public record UserView(String username, List<String> roles, boolean enabled, boolean mustChangePassword) {

    static UserView of(UserAccount account) {
        return new UserView(account.username(), account.roles().stream().sorted().map(Role::name).toList(),
                account.enabled(), account.mustChangePassword());
    }
}
