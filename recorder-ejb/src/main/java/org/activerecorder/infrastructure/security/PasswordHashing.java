package org.activerecorder.infrastructure.security;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * Hashes passwords as bcrypt in modular crypt form ({@code $2a$<cost>$<salt+hash>}), the form the
 * server's Elytron jdbc-realm reads with its modular-crypt mapper.
 */
public final class PasswordHashing {

    /** 2^12 rounds: a quarter of a second or so per login on one core, as OWASP suggests at least 10. */
    static final int COST = 12;

    private PasswordHashing() {
    }

    public static String hash(char[] password) {
        return BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(COST, password);
    }

    public static boolean matches(char[] password, String hash) {
        return BCrypt.verifyer().verify(password, hash).verified;
    }
}
