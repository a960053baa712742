package org.activerecorder.application.users;

/** The port to password hashing in the form the server's realm verifies (bcrypt, {@code $2a$}). */
public interface PasswordHasher {

    String hash(char[] password);

    boolean matches(char[] password, String hash);
}
