package org.activerecorder.infrastructure.persistence.jpa;

import org.activerecorder.domain.model.setting.StoredSetting;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.OnEveryDatabase;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's setting values on a database migrated as the server migrates it (H2, and PostgreSQL when given one):
 * stored, changed (value, who, when to the microsecond) and forgotten.
 */
class JpaStoredSettingRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.123456Z");


    @OnEveryDatabase
    void aValueIsStoredChangedAndForgotten(MigratedDatabase database) {
        String longKey = "K".repeat(64);
        database.inTransaction(em -> {
            JpaStoredSettingRepository settings = new JpaStoredSettingRepository(em);
            settings.add(new StoredSetting("recorder.requested-timeout-seconds", "90", T0, "admin"));
            settings.add(new StoredSetting("recorder.call-control.state-key", longKey, T0, "root2"));
            return null;
        });
        database.inTransaction(em -> {
            JpaStoredSettingRepository settings = new JpaStoredSettingRepository(em);
            assertEquals(List.of("recorder.call-control.state-key", "recorder.requested-timeout-seconds"),
                    settings.all().stream().map(StoredSetting::name).toList(), "by name");
            settings.find("recorder.requested-timeout-seconds").orElseThrow()
                    .change("120.5", T0.plusSeconds(60), "alice");
            settings.remove(settings.find("recorder.call-control.state-key").orElseThrow());
            return null;
        });
        database.inTransaction(em -> {
            JpaStoredSettingRepository settings = new JpaStoredSettingRepository(em);
            StoredSetting timeout = settings.find("recorder.requested-timeout-seconds").orElseThrow();
            assertEquals("120.5", timeout.value());
            assertEquals("alice", timeout.changedBy());
            assertEquals(T0.plusSeconds(60), timeout.changedAt());
            assertTrue(settings.find("recorder.call-control.state-key").isEmpty(), "removed");
            assertEquals(1, settings.all().size());
            return null;
        });
    }
}
