package org.activerecorder.application.rules;

import jakarta.ejb.Local;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.dn.DnSettings;

import java.util.List;
import java.util.Optional;

/**
 * The DN configuration: create, read, update and delete. Reading needs {@code admin}, {@code supervisor} or
 * {@code auditor}; changing needs {@code admin}.
 */
@Local
public interface DnDirectory {

    List<DnView> all();

    Optional<DnView> find(Dn dn);

    /** @throws ConfigurationRefused {@code INVALID} with every problem, {@code DUPLICATE} when configured already */
    DnView create(DnSettings settings) throws ConfigurationRefused;

    /** @throws ConfigurationRefused {@code UNKNOWN} DN, {@code INVALID} settings (or a different DN in them) */
    DnView update(Dn dn, DnSettings settings) throws ConfigurationRefused;

    /** @throws ConfigurationRefused {@code UNKNOWN} DN */
    void delete(Dn dn) throws ConfigurationRefused;
}
