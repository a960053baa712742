package org.activerecorder.application.rules;

import jakarta.ejb.Local;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.dn.DnSettings;

import java.util.List;
import java.util.Optional;

/**
 * The DN configuration: create, read, update and delete. A change names the version it is based on, and is refused
 * when the DN moved on since (checked under the DN's row lock, with the save). Reading needs {@code admin},
 * {@code supervisor} or {@code auditor}; changing needs {@code admin}.
 */
@Local
public interface DnDirectory {

    List<DnView> all();

    Optional<DnView> find(Dn dn);

    /** @throws ConfigurationRefused {@code INVALID} with every problem, {@code DUPLICATE} when configured already */
    DnView create(DnSettings settings, String by) throws ConfigurationRefused;

    /**
     * @param seen the version the caller saw and changed; {@code null}: none named, the change is made whatever the
     *             current version (last write wins, for clients older than versioned edits)
     * @throws ConfigurationRefused {@code UNKNOWN} DN, {@code STALE} when it is at another version than {@code seen}
     *                              (naming it, who saved it and when), {@code INVALID} settings (or a different DN)
     */
    DnView update(Dn dn, DnSettings settings, Long seen, String by) throws ConfigurationRefused;

    /**
     * @param seen as {@link #update}'s: {@code null} removes it whatever the current version
     * @throws ConfigurationRefused {@code UNKNOWN} DN, {@code STALE} at another version
     */
    void delete(Dn dn, Long seen) throws ConfigurationRefused;
}
