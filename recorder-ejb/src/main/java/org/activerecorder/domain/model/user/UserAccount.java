package org.activerecorder.domain.model.user;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A login. The password is stored only as a bcrypt hash in modular crypt form, which the server's realm
 * verifies; the recorder itself never sees a password again after hashing it.
 */
@Entity
@Table(name = "recorder_user")
public class UserAccount {

    @Id
    @Column(length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "recorder_user_role", joinColumns = @JoinColumn(name = "username"))
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR) // the name as varchar on every database, never a native ENUM (see V1_1)
    @Column(name = "role", length = 32, nullable = false)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected UserAccount() {
        // for JPA
    }

    /**
     * An enabled account.
     *
     * @param mustChangePassword whether the password was chosen for the user (generated, or set by an administrator),
     *                           so that they should replace it with one of their own
     */
    public UserAccount(String username, String passwordHash, Set<Role> roles, boolean mustChangePassword) {
        this.username = Objects.requireNonNull(username, "username");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.roles.addAll(roles);
        this.enabled = true;
        this.mustChangePassword = mustChangePassword;
    }

    /** A new password hash; {@code chosenByUser} false when someone else chose it (they must change it). */
    public void newPassword(String hash, boolean chosenByUser) {
        this.passwordHash = Objects.requireNonNull(hash, "hash");
        this.mustChangePassword = !chosenByUser;
    }

    public void roles(Set<Role> newRoles) {
        roles.clear();
        roles.addAll(newRoles);
    }

    /** A disabled account cannot log in (the realm finds no password for it) and is kept, with its audit trail. */
    public void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The bcrypt hash in modular crypt form, to check a password against; never shown or logged. */
    public String passwordHash() {
        return passwordHash;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    /** Whether the account can log in as an administrator. */
    public boolean isEnabledAdmin() {
        return enabled && roles.contains(Role.admin);
    }

    public String username() {
        return username;
    }

    public boolean enabled() {
        return enabled;
    }

    public Set<Role> roles() {
        return Collections.unmodifiableSet(roles);
    }
}
