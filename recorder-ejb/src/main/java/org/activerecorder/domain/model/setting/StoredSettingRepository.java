package org.activerecorder.domain.model.setting;

import java.util.List;
import java.util.Optional;

/** Where the console's setting values are kept. */
public interface StoredSettingRepository {

    /** Every stored value, by name. */
    List<StoredSetting> all();

    Optional<StoredSetting> find(String name);

    void add(StoredSetting setting);

    /** Forgets the stored value: the server's configuration speaks again. */
    void remove(StoredSetting setting);
}
