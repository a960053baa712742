package org.activerecorder.application.internal;

import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.dn.DnConfiguration;
import org.activerecorder.domain.model.dn.DnConfigurationRepository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** DN configurations in a map, for unit tests of the application services. */
class InMemoryDns implements DnConfigurationRepository {

    private final Map<String, DnConfiguration> byDn = new TreeMap<>();

    @Override
    public Optional<DnConfiguration> find(Dn dn) {
        return Optional.ofNullable(byDn.get(dn.value()));
    }

    @Override
    public Optional<DnConfiguration> lock(Dn dn) {
        return find(dn);
    }

    @Override
    public List<DnConfiguration> all() {
        return List.copyOf(byDn.values());
    }

    @Override
    public void add(DnConfiguration configuration) {
        if (byDn.putIfAbsent(configuration.dn().value(), configuration) != null) {
            throw new IllegalStateException("duplicate key " + configuration.dn());
        }
    }

    @Override
    public void remove(DnConfiguration configuration) {
        byDn.remove(configuration.dn().value());
    }
}
