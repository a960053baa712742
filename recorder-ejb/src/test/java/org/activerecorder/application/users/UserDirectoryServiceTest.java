package org.activerecorder.application.users;

import org.activerecorder.application.audit.RecordedAudit;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.user.Role;
import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.infrastructure.security.BcryptPasswords;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users as administrators manage them and as each user changes their own password: hashed as the realm reads them
 * (bcrypt {@code $2a$}), never shown or audited, validated, and never leaving the recorder without an enabled
 * administrator.
 */
class UserDirectoryServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final String ADMIN_PASSWORD = "generated-Admin-1";

    private final InMemoryUsers users = new InMemoryUsers();
    private final BcryptPasswords hasher = new BcryptPasswords();
    private final RecordedAudit audit = new RecordedAudit();
    private final List<PasswordChanged> passwordChanges = new ArrayList<>();
    private final List<AccountRevocations.Revoked> revocations = new ArrayList<>();
    private String caller = "admin";
    private final UserDirectoryService directory = new UserDirectoryService(users, hasher, audit,
            Clock.fixed(T0, ZoneOffset.UTC), () -> caller, passwordChanges::add, revocations::add);

    UserDirectoryServiceTest() {
        users.add(new UserAccount("admin", hasher.hash(ADMIN_PASSWORD.toCharArray()),
                EnumSet.of(Role.admin, Role.events), true));
    }

    @Test
    void aCreatedUserHasABcryptHashTheRealmReadsAndNoPasswordAnywhere() throws UserRefused {
        UserView created = directory.create(new NewUser("alice", "correct horse battery", List.of("supervisor",
                "auditor")));

        assertEquals(new UserView("alice", List.of("supervisor", "auditor"), true, true), created,
                "roles in the order of Role; a password chosen by an administrator must be changed");
        String hash = users.find("alice").orElseThrow().passwordHash();
        assertTrue(hash.matches("\\$2a\\$10\\$[./A-Za-z0-9]{53}"), "Elytron's modular crypt form: " + hash);
        assertTrue(hasher.matches("correct horse battery".toCharArray(), hash));
        assertEquals(List.of("admin", "alice"), directory.all().stream().map(UserView::username).toList());
        RecordedAudit.Entry entry = audit.entries.get(0);
        assertEquals(AuditAction.USER_CREATED, entry.action());
        assertEquals(AuditTarget.user("alice"), entry.target());
        assertTrue(entry.detail().contains("\"passwordSet\":true"), entry.detail());
        assertFalse(entry.detail().contains("horse") || entry.detail().contains(hash), entry.detail());
    }

    @Test
    void everyProblemOfANewUserIsListedAndNothingIsCreated() {
        UserRefused refused = assertThrows(UserRefused.class, () -> directory.create(
                new NewUser("bob", "short", List.of("supervisor", "root"))));
        assertEquals(UserRefused.Reason.INVALID, refused.reason());
        assertEquals(2, refused.problems().size(), refused.problems().toString());
        assertTrue(refused.problems().get(0).contains("at least 12 characters"), refused.problems().toString());
        assertTrue(refused.problems().get(1).contains("'root' is not a role"), refused.problems().toString());
        assertFalse(refused.getMessage().contains("short"), "the password is never repeated");

        assertEquals(List.of("password must not be the username"), assertThrows(UserRefused.class,
                () -> directory.create(new NewUser("supervisor12", "Supervisor12", List.of("supervisor"))))
                .problems());
        assertTrue(assertThrows(UserRefused.class, () -> directory.create(new NewUser("me", "long enough pass",
                List.of("auditor")))).getMessage().contains("reserved"), "/api/users/me names the caller");
        assertTrue(assertThrows(UserRefused.class, () -> directory.create(new NewUser("carol", "long enough pass",
                List.of()))).getMessage().contains("at least one role"));
        assertTrue(assertThrows(UserRefused.class, () -> directory.create(new NewUser("carol",
                "x".repeat(73), List.of("auditor")))).getMessage().contains("at most 72 bytes"));
        assertEquals(UserRefused.Reason.DUPLICATE, assertThrows(UserRefused.class, () -> directory.create(
                new NewUser("admin", "long enough pass", List.of("auditor")))).reason());
        assertEquals(1, users.count());
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    void theLastEnabledAdministratorCannotBeDisabledNorLoseTheRole() throws UserRefused {
        assertEquals(UserRefused.Reason.LAST_ADMIN, assertThrows(UserRefused.class,
                () -> directory.change("admin", new UserChange(null, null, false))).reason());
        assertEquals(UserRefused.Reason.LAST_ADMIN, assertThrows(UserRefused.class,
                () -> directory.change("admin", new UserChange(List.of("auditor"), null, null))).reason());
        assertTrue(users.find("admin").orElseThrow().isEnabledAdmin());

        directory.create(new NewUser("root2", "second admin pass", List.of("admin")));
        UserView disabled = directory.change("admin", new UserChange(null, null, false));

        assertFalse(disabled.enabled());
        assertEquals(List.of(new AccountRevocations.Revoked("admin", T0)), revocations,
                "the disabled user's sessions end");
        assertEquals(UserRefused.Reason.LAST_ADMIN, assertThrows(UserRefused.class,
                () -> directory.change("root2", new UserChange(null, null, false))).reason(),
                "admin is disabled: root2 is now the last");
        RecordedAudit.Entry change = audit.entries.get(audit.entries.size() - 1);
        assertEquals(AuditAction.USER_CHANGED, change.action());
        assertTrue(change.detail().matches("\\{\"from\":\\{.*\"enabled\":true.*},\"to\":\\{.*\"enabled\":false.*}}"),
                change.detail());
    }

    @Test
    void anAdministratorSetsRolesAndAPasswordTheUserMustThenChange() throws UserRefused {
        directory.create(new NewUser("alice", "first password!", List.of("auditor")));
        caller = "alice";
        directory.changeOwnPassword("first password!", "alice's own password");
        assertFalse(directory.me().mustChangePassword());
        caller = "admin";

        UserView changed = directory.change("alice", new UserChange(List.of("supervisor"), "reset by admin!", null));

        assertEquals(new UserView("alice", List.of("supervisor"), true, true), changed);
        assertTrue(hasher.matches("reset by admin!".toCharArray(), users.find("alice").orElseThrow().passwordHash()));
        assertEquals(new PasswordChanged("alice", false), passwordChanges.get(passwordChanges.size() - 1));
        assertEquals(UserRefused.Reason.UNKNOWN, assertThrows(UserRefused.class,
                () -> directory.change("nobody", new UserChange(null, null, true))).reason());
    }

    @Test
    void theFirstAdministratorChangesTheGeneratedPasswordWithTheCurrentOne() throws UserRefused {
        assertTrue(directory.me().mustChangePassword());
        String before = users.find("admin").orElseThrow().passwordHash();

        assertEquals(UserRefused.Reason.WRONG_PASSWORD, assertThrows(UserRefused.class,
                () -> directory.changeOwnPassword("not the password", "my own long password")).reason());
        assertEquals(UserRefused.Reason.INVALID, assertThrows(UserRefused.class,
                () -> directory.changeOwnPassword(ADMIN_PASSWORD, "too short")).reason());
        assertEquals(UserRefused.Reason.INVALID, assertThrows(UserRefused.class,
                () -> directory.changeOwnPassword(ADMIN_PASSWORD, ADMIN_PASSWORD)).reason());
        assertEquals(before, users.find("admin").orElseThrow().passwordHash(), "nothing changed yet");
        assertTrue(passwordChanges.isEmpty());

        directory.changeOwnPassword(ADMIN_PASSWORD, "my own long password");

        assertTrue(hasher.matches("my own long password".toCharArray(),
                users.find("admin").orElseThrow().passwordHash()));
        assertFalse(directory.me().mustChangePassword());
        assertEquals(List.of(new PasswordChanged("admin", true)), passwordChanges);
        assertEquals(List.of(new RecordedAudit.Entry("caller", AuditAction.PASSWORD_CHANGED, AuditTarget.user("admin"),
                null)), audit.entries);
        assertTrue(revocations.isEmpty(), "changing one's own password does not end one's own session");
    }
}
