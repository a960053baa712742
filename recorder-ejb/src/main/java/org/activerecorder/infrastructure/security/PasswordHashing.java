package org.activerecorder.infrastructure.security;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * Hashes passwords as bcrypt in modular crypt form ({@code $2a$<cost>$<salt+hash>}), the form the
 * server's Elytron jdbc-realm reads with its modular-crypt mapper.
 */
public final class PasswordHashing {

    /**
     * 2^10 rounds (OWASP's minimum): about 120 ms of CPU per check on this class of machine. API clients
     * using BASIC pay it on every request, so a higher cost waits for session or token authentication.
     */
    static final int COST = 10;

    private PasswordHashing() {
    }

    public static String hash(char[] password) {
        return BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(COST, password);
    }

    public static boolean matches(char[] password, String hash) {
        return BCrypt.verifyer().verify(password, hash).verified;
    }
}
