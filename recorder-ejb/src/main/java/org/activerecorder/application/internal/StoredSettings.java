package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.domain.model.setting.StoredSetting;
import org.activerecorder.domain.model.setting.StoredSettingRepository;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The console's stored setting values as {@link RecorderSettings} reads them: a snapshot of the table, read once and
 * again only after a change has committed ({@link #forget()}), as settings are read for every recording and change
 * a few times a year. One server: a change made on another would be seen after its restart.
 */
@ApplicationScoped
public class StoredSettings {

    private static final Logger LOG = Logger.getLogger(StoredSettings.class.getName());

    @Inject
    private StoredSettingRepository repository;

    /** Counts {@link #forget()}s, so that a read begun before a change cannot keep its older values after it. */
    private long generation;
    private volatile Map<String, String> values;

    /** For the container. */
    public StoredSettings() {
    }

    /** Over this repository: for tests. */
    StoredSettings(StoredSettingRepository repository) {
        this.repository = repository;
    }

    /** The stored value of the setting, or {@code null}. */
    public String value(String name) {
        Map<String, String> current = values;
        return (current != null ? current : read()).get(name);
    }

    /** The next use reads the table again: called once a change has committed. */
    public synchronized void forget() {
        generation++;
        values = null;
    }

    private Map<String, String> read() {
        long before;
        synchronized (this) {
            before = generation;
        }
        Map<String, String> read;
        try {
            read = repository.all().stream().collect(Collectors.toUnmodifiableMap(StoredSetting::name,
                    StoredSetting::value));
        } catch (RuntimeException unreadable) {
            // the server's configuration still gives every setting a value: the recording goes on with it
            LOG.log(Level.WARNING, "The console's setting values cannot be read; using the server's configuration"
                    + " until they can", unreadable);
            return Map.of();
        }
        synchronized (this) {
            if (generation == before) {
                values = read;
            }
        }
        return read;
    }
}
