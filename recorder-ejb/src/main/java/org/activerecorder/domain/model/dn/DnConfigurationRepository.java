package org.activerecorder.domain.model.dn;

import org.activerecorder.domain.model.Dn;

import java.util.List;
import java.util.Optional;

/** Where DN configurations are kept. */
public interface DnConfigurationRepository {

    Optional<DnConfiguration> find(Dn dn);

    /** The DN's configuration, locked for the rest of the transaction, so that a change's check and save are one. */
    Optional<DnConfiguration> lock(Dn dn);

    /** Every configured DN, by DN. */
    List<DnConfiguration> all();

    void add(DnConfiguration configuration);

    void remove(DnConfiguration configuration);
}
