package org.activerecorder.infrastructure.security;

import org.activerecorder.application.users.PasswordChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated password file goes when, and only when, the first administrator chose a password of their own. */
class InitialPasswordRetirementTest {

    @TempDir
    Path folder;

    @Test
    void theFileGoesOnceTheFirstAdministratorChoseTheirOwnPassword() throws IOException {
        Path file = Files.writeString(folder.resolve("initial-admin-password"), "generated\n");

        assertFalse(InitialPasswordRetirement.retireIfTheFirstAdministratorChose(
                new PasswordChanged("alice", true), file), "another user");
        assertFalse(InitialPasswordRetirement.retireIfTheFirstAdministratorChose(
                new PasswordChanged("admin", false), file), "set for admin by another administrator");
        assertTrue(Files.exists(file));

        assertTrue(InitialPasswordRetirement.retireIfTheFirstAdministratorChose(
                new PasswordChanged("admin", true), file));
        assertFalse(Files.exists(file));
        assertFalse(InitialPasswordRetirement.retireIfTheFirstAdministratorChose(
                new PasswordChanged("admin", true), file), "gone already: nothing to do");
    }
}
