package org.activerecorder.application.internal;

import org.activerecorder.domain.model.setting.StoredSetting;
import org.activerecorder.domain.model.setting.StoredSettingRepository;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Stored setting values in a map, for service tests; counts its reads, as the snapshot should seldom read. */
class InMemoryStoredSettings implements StoredSettingRepository {

    private final TreeMap<String, StoredSetting> rows = new TreeMap<>();
    int reads;

    @Override
    public List<StoredSetting> all() {
        reads++;
        return List.copyOf(rows.values());
    }

    @Override
    public Optional<StoredSetting> find(String name) {
        return Optional.ofNullable(rows.get(name));
    }

    @Override
    public void add(StoredSetting setting) {
        rows.put(setting.name(), setting);
    }

    @Override
    public void remove(StoredSetting setting) {
        rows.remove(setting.name());
    }
}
