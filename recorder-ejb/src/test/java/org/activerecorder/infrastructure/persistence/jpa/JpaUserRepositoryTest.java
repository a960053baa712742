package org.activerecorder.infrastructure.persistence.jpa;

import org.activerecorder.domain.model.user.Role;
import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.OnEveryDatabase;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts on a database migrated as the server migrates it (H2, and PostgreSQL when given one): the enabled
 * administrators are found (and locked) by role and flag, and a changed account keeps its roles, flags and hash.
 */
class JpaUserRepositoryTest {


    @OnEveryDatabase
    void enabledAdministratorsAreFoundByRoleAndFlag(MigratedDatabase database) {
        database.inTransaction(em -> {
            JpaUserRepository users = new JpaUserRepository(em);
            users.add(new UserAccount("admin", "$2a$10$hash1", EnumSet.of(Role.admin, Role.events), true));
            users.add(new UserAccount("root2", "$2a$10$hash2", EnumSet.of(Role.admin), false));
            users.add(new UserAccount("alice", "$2a$10$hash3", EnumSet.of(Role.supervisor, Role.auditor), false));
            return null;
        });
        database.inTransaction(em -> {
            JpaUserRepository users = new JpaUserRepository(em);
            assertEquals(List.of("admin", "root2"), names(users.lockEnabledAdmins()));
            users.find("root2").orElseThrow().enabled(false);
            UserAccount alice = users.find("alice").orElseThrow();
            alice.roles(EnumSet.of(Role.admin));
            alice.newPassword("$2a$10$hash4", true);
            return null;
        });
        database.inTransaction(em -> {
            JpaUserRepository users = new JpaUserRepository(em);
            assertEquals(List.of("admin", "alice"), names(users.lockEnabledAdmins()));
            assertEquals(List.of("admin", "alice", "root2"), names(users.all()));
            UserAccount alice = users.find("alice").orElseThrow();
            assertEquals(EnumSet.of(Role.admin), alice.roles());
            assertEquals("$2a$10$hash4", alice.passwordHash());
            assertFalse(alice.mustChangePassword());
            assertTrue(users.find("admin").orElseThrow().mustChangePassword());
            assertFalse(users.find("root2").orElseThrow().enabled());
            assertEquals(3, users.count());
            return null;
        });
    }

    private static List<String> names(List<UserAccount> accounts) {
        return accounts.stream().map(UserAccount::username).toList();
    }
}
