package org.activerecorder.infrastructure.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.activerecorder.application.users.PasswordHasher;

/** {@link PasswordHasher} as bcrypt ({@link PasswordHashing}), the form the server's realm verifies. */
@ApplicationScoped
public class BcryptPasswords implements PasswordHasher {

    @Override
    public String hash(char[] password) {
        return PasswordHashing.hash(password);
    }

    @Override
    public boolean matches(char[] password, String hash) {
        return PasswordHashing.matches(password, hash);
    }
}
