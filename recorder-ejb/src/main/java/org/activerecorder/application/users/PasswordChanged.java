package org.activerecorder.application.users;

/**
 * A CDI event: a user's password changed; {@code byTheUser} when they chose it themselves (the first administrator's
 * generated password file is then deleted).
 */
public record PasswordChanged(String username, boolean byTheUser) {
}
