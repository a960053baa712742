package org.activerecorder.infrastructure.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.activerecorder.domain.model.user.Role;
import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.domain.model.user.UserRepository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.logging.Logger;

/**
 * Creates the first administrator when the recorder starts with no accounts at all, with a random password
 * written to {@code <server data dir>/recorder/initial-admin-password} (readable by the server's user only)
 * and never logged. No password is shipped in the configuration, so no installation runs with a known one.
 * The account has the roles admin and events (it may read the event topic) and must change its password; once it
 * has, {@link InitialPasswordRetirement} deletes the file.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class InitialAdministrator {

    public static final String USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(InitialAdministrator.class.getName());
    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    @Inject
    private UserRepository users;

    @PostConstruct
    void createWhenNoAccountExists() {
        if (users.count() > 0) {
            return;
        }
        char[] password = randomPassword(20);
        Path file = passwordFile();
        write(file, password);
        users.add(new UserAccount(USERNAME, PasswordHashing.hash(password), EnumSet.of(Role.admin, Role.events), true));
        LOG.warning(() -> "No accounts existed: created administrator '" + USERNAME + "'; its password is in "
                + file + ". Log in and change it (PUT /api/users/me/password): the file is then deleted.");
    }

    /** Where the generated password is written. */
    static Path passwordFile() {
        String data = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        return Path.of(data, "recorder", "initial-admin-password");
    }

    private static char[] randomPassword(int length) {
        SecureRandom random = new SecureRandom();
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return password;
    }

    private static void write(Path file, char[] password) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, new String(password) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the initial administrator password to " + file, e);
        }
    }
}
