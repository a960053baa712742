package org.activerecorder.application.users;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.user.Role;
import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.domain.model.user.UserRepository;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The users, for administrators; a user's own record and password, for every logged-in user. Passwords are hashed
 * as the realm reads them and never returned, logged or audited (the audit entry says only that one was set).
 */
@Stateless
@SecurityDomain("recorder")
@RolesAllowed("admin")
public class UserDirectoryService implements UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectoryService.class.getName());

    @Inject
    private UserRepository users;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private AuditTrail audit;

    @Inject
    private Event<PasswordChanged> passwordChanged;

    @Inject
    private Event<AccountRevocations.Revoked> revoked;

    @Resource
    private SessionContext context;

    private Clock clock = Clock.systemUTC();
    private Supplier<String> caller = this::callerName;
    private Consumer<PasswordChanged> onPasswordChanged = changed -> passwordChanged.fire(changed);
    private Consumer<AccountRevocations.Revoked> onRevoked = event -> revoked.fire(event);

    /** For the container. */
    public UserDirectoryService() {
    }

    /** Over these collaborators, the caller given: for tests. */
    UserDirectoryService(UserRepository users, PasswordHasher hasher, AuditTrail audit, Clock clock,
                         Supplier<String> caller, Consumer<PasswordChanged> onPasswordChanged,
                         Consumer<AccountRevocations.Revoked> onRevoked) {
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.caller = caller;
        this.onPasswordChanged = onPasswordChanged;
        this.onRevoked = onRevoked;
    }

    @Override
    public List<UserView> all() {
        return users.all().stream().map(UserView::of).toList();
    }

    @Override
    public UserView find(String username) throws UserRefused {
        return UserView.of(existing(username));
    }

    @Override
    public UserView create(NewUser user) throws UserRefused {
        List<String> problems = new ArrayList<>(AccountRules.username(user.username()));
        problems.addAll(AccountRules.password(user.username(), user.password(), "password"));
        Set<Role> roles = AccountRules.roles(user.roles(), problems);
        if (!problems.isEmpty()) {
            throw new UserRefused(UserRefused.Reason.INVALID, String.join("; ", problems), problems);
        }
        if (users.find(user.username()).isPresent()) {
            throw new UserRefused(UserRefused.Reason.DUPLICATE, "user " + user.username()
                    + " exists already: change it with PUT /api/users/" + user.username());
        }
        // an administrator chose this password: the user is asked to choose their own
        UserAccount account = new UserAccount(user.username(), hasher.hash(user.password().toCharArray()), roles,
                true);
        users.add(account);
        UserView created = UserView.of(account);
        audit.changed(AuditAction.USER_CREATED, AuditTarget.user(account.username()), null, audited(created, true));
        LOG.info(() -> "User " + account.username() + " created by " + caller.get() + " with roles " + created.roles());
        return created;
    }

    @Override
    public UserView change(String username, UserChange change) throws UserRefused {
        UserAccount account = existing(username);
        List<String> problems = new ArrayList<>();
        Set<Role> roles = change.roles() == null ? null : AccountRules.roles(change.roles(), problems);
        if (change.password() != null) {
            problems.addAll(AccountRules.password(username, change.password(), "password"));
        }
        if (!problems.isEmpty()) {
            throw new UserRefused(UserRefused.Reason.INVALID, String.join("; ", problems), problems);
        }
        UserView before = UserView.of(account);
        boolean staysAdmin = (change.enabled() == null ? account.enabled() : change.enabled())
                && (roles == null ? account.roles() : roles).contains(Role.admin);
        if (account.isEnabledAdmin() && !staysAdmin && lockedOtherEnabledAdmins(username) == 0) {
            throw new UserRefused(UserRefused.Reason.LAST_ADMIN, username + " is the last enabled administrator:"
                    + " make another user admin first");
        }
        if (roles != null) {
            account.roles(roles);
        }
        if (change.enabled() != null) {
            account.enabled(change.enabled());
        }
        if (change.password() != null) {
            account.newPassword(hasher.hash(change.password().toCharArray()), false);
            onPasswordChanged.accept(new PasswordChanged(username, false));
        }
        UserView after = UserView.of(account);
        audit.changed(AuditAction.USER_CHANGED, AuditTarget.user(username), audited(before, false),
                audited(after, change.password() != null));
        if (!after.equals(before) || change.password() != null) {
            onRevoked.accept(new AccountRevocations.Revoked(username, clock.instant()));
        }
        LOG.info(() -> "User " + username + " changed by " + caller.get() + ": " + before + " -> " + after
                + (change.password() != null ? ", password set" : ""));
        return after;
    }

    @Override
    @PermitAll
    public UserView me() throws UserRefused {
        return UserView.of(existing(caller.get()));
    }

    @Override
    @PermitAll
    public void changeOwnPassword(String current, String next) throws UserRefused {
        String username = caller.get();
        UserAccount account = existing(username);
        List<String> problems = new ArrayList<>();
        if (current == null) {
            problems.add("current is missing");
        }
        problems.addAll(AccountRules.password(username, next, "new"));
        if (next != null && next.equals(current)) {
            problems.add("new must differ from current");
        }
        if (!problems.isEmpty()) {
            throw new UserRefused(UserRefused.Reason.INVALID, String.join("; ", problems), problems);
        }
        if (!hasher.matches(current.toCharArray(), account.passwordHash())) {
            LOG.warning(() -> "User " + username + " gave a wrong current password when changing it");
            throw new UserRefused(UserRefused.Reason.WRONG_PASSWORD, "current is not your password");
        }
        account.newPassword(hasher.hash(next.toCharArray()), true);
        audit.record(AuditAction.PASSWORD_CHANGED, AuditTarget.user(username), null);
        onPasswordChanged.accept(new PasswordChanged(username, true));
        LOG.info(() -> "User " + username + " changed their password");
    }

    private int lockedOtherEnabledAdmins(String username) {
        return (int) users.lockEnabledAdmins().stream()
                .filter(admin -> admin.isEnabledAdmin() && !admin.username().equals(username)).count();
    }

    private UserAccount existing(String username) throws UserRefused {
        return users.find(username).orElseThrow(() -> new UserRefused(UserRefused.Reason.UNKNOWN,
                "no user " + username));
    }

    /** The user as the audit log shows it: the view, and whether a password was set (never the password). */
    private static Map<String, Object> audited(UserView user, boolean passwordSet) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("username", user.username());
        shown.put("roles", user.roles());
        shown.put("enabled", user.enabled());
        shown.put("mustChangePassword", user.mustChangePassword());
        shown.put("passwordSet", passwordSet);
        return shown;
    }

    private String callerName() {
        Principal principal = context.getCallerPrincipal();
        return principal == null ? "anonymous" : principal.getName();
    }
}
