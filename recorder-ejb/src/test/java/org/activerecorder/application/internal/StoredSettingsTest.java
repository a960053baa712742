package org.activerecorder.application.internal;

import org.activerecorder.domain.model.setting.StoredSetting;
import org.activerecorder.domain.model.setting.StoredSettingRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The snapshot of the console's values: read once, read again after a change commits, never left holding values
 * read before a change that committed meanwhile, and a table that cannot be read leaves the server's configuration
 * in effect instead of failing the recording.
 */
class StoredSettingsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final String TIMEOUT = "recorder.requested-timeout-seconds";

    private final InMemoryStoredSettings rows = new InMemoryStoredSettings();

    @Test
    void aReadBegunBeforeAChangeCommittedIsUsedOnceAndNotKept() {
        rows.add(new StoredSetting(TIMEOUT, "90", T0, "admin"));
        StoredSettings[] snapshot = new StoredSettings[1];
        StoredSettingRepository changedWhileRead = new StoredSettingRepository() {
            private boolean changed;

            @Override
            public List<StoredSetting> all() {
                List<StoredSetting> read = rows.all();
                if (!changed) { // another administrator's change commits while this read is on its way
                    changed = true;
                    rows.find(TIMEOUT).orElseThrow().change("120", T0, "root2");
                    snapshot[0].forget();
                    return List.of(new StoredSetting(TIMEOUT, "90", T0, "admin"));
                }
                return read;
            }

            @Override
            public Optional<StoredSetting> find(String name) {
                return rows.find(name);
            }

            @Override
            public void add(StoredSetting setting) {
                rows.add(setting);
            }

            @Override
            public void remove(StoredSetting setting) {
                rows.remove(setting);
            }
        };
        snapshot[0] = new StoredSettings(changedWhileRead);

        assertEquals("90", snapshot[0].value(TIMEOUT), "what the read found");
        assertEquals("120", snapshot[0].value(TIMEOUT), "read again: the older values were not kept");
        assertEquals("120", snapshot[0].value(TIMEOUT));
    }

    @Test
    void valuesAreReadOnceAndAgainOnlyAfterAChange() {
        rows.add(new StoredSetting(TIMEOUT, "90", T0, "admin"));
        StoredSettings snapshot = new StoredSettings(rows);

        assertEquals("90", snapshot.value(TIMEOUT));
        assertNull(snapshot.value("recorder.call-control.state-key"));
        rows.find(TIMEOUT).orElseThrow().change("120", T0, "admin");
        assertEquals("90", snapshot.value(TIMEOUT), "not committed: not seen");
        assertEquals(1, rows.reads);

        snapshot.forget();
        assertEquals("120", snapshot.value(TIMEOUT));
        assertEquals(2, rows.reads);
    }

    @Test
    void aTableThatCannotBeReadLeavesTheServersConfigurationInEffectAndIsTriedAgain() {
        boolean[] down = {true};
        InMemoryStoredSettings failing = new InMemoryStoredSettings() {
            @Override
            public List<StoredSetting> all() {
                if (down[0]) {
                    throw new IllegalStateException("database unreachable");
                }
                return super.all();
            }
        };
        failing.add(new StoredSetting(TIMEOUT, "90", T0, "admin"));
        StoredSettings snapshot = new StoredSettings(failing);

        assertNull(snapshot.value(TIMEOUT), "no stored value: the system property, environment or default speaks");
        down[0] = false;
        assertEquals("90", snapshot.value(TIMEOUT), "tried again at the next use");
    }
}
