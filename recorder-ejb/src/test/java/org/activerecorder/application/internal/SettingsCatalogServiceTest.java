package org.activerecorder.application.internal;

import org.activerecorder.application.audit.RecordedAudit;
import org.activerecorder.application.settings.Setting;
import org.activerecorder.application.settings.SettingRefused;
import org.activerecorder.application.settings.SettingView;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings as administrators manage them: a stored value wins over the system property the provisioned server always
 * sets, counts for recordings once committed, is checked by the setting's own rule (a refused value stores nothing),
 * and every change and reset is on the audit log from -> to.
 */
class SettingsCatalogServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final String TIMEOUT = "recorder.requested-timeout-seconds";
    private static final String STATE_KEY = "recorder.call-control.state-key";

    private final Map<String, String> systemProperties = new HashMap<>(Map.of(TIMEOUT, "45",
            "recorder.retention.enforced", "true"));
    private final Map<String, String> environment = new HashMap<>(Map.of("RECORDER_REQUESTED_TIMEOUT_SECONDS", "30",
            "RECORDER_CALL_CONTROL_FILE_KEY", "REC_FILE"));
    private final InMemoryStoredSettings rows = new InMemoryStoredSettings();
    private final StoredSettings snapshot = new StoredSettings(rows);
    private final RecorderSettings settings = new RecorderSettings(snapshot::value, systemProperties::get,
            environment::get);
    private final RecordedAudit audit = new RecordedAudit();
    /** What waits for the transaction to commit. */
    private final List<Runnable> onCommit = new ArrayList<>();
    private final SettingsCatalogService catalog = new SettingsCatalogService(rows, settings, snapshot, audit,
            Clock.fixed(T0, ZoneOffset.UTC), () -> "admin", onCommit::add);

    private void commit() {
        onCommit.forEach(Runnable::run);
        onCommit.clear();
    }

    @Test
    void everySettingIsListedWithItsValueInEffectWhereItComesFromItsDefaultMeaningAndForm() {
        List<SettingView> all = catalog.all();

        assertEquals(List.of("recorder.loss-tolerance-percent", "recorder.lone-stream-grace-seconds", TIMEOUT,
                "recorder.retention.enforced", "recorder.call-control.command-ttl-seconds", STATE_KEY,
                "recorder.call-control.file-key", "recorder.file-sha256"), all.stream().map(SettingView::name).toList());
        SettingView timeout = all.get(2);
        assertEquals("45", timeout.value(), "the system property beats the environment's 30");
        assertEquals("system-property", timeout.source());
        assertEquals("60", timeout.defaultValue());
        assertEquals("a number from 1 to 86400", timeout.allowed());
        assertTrue(timeout.meaning().contains("Media Server"), timeout.meaning());
        assertNull(timeout.storedValue());
        assertEquals(new SettingView("recorder.loss-tolerance-percent", "1", "default", "1",
                Setting.LOSS_TOLERANCE_PERCENT.meaning(), "a number from 0 to 100", null, null, null, null),
                all.get(0));
        assertEquals(List.of("environment", "REC_FILE"), List.of(all.get(6).source(), all.get(6).value()));
        assertEquals(List.of("default", "GSIP_RECORD"), List.of(all.get(5).source(), all.get(5).value()));
    }

    @Test
    void aStoredValueWinsOverTheSystemPropertyFromTheNextUseOnceCommitted() throws SettingRefused {
        assertEquals(Duration.ofSeconds(45), settings.requestedTimeout());

        SettingView changed = catalog.change(TIMEOUT, " 90 ");

        assertEquals(List.of("90", "console", "90", "admin"), List.of(changed.value(), changed.source(),
                changed.storedValue(), changed.changedBy()));
        assertEquals(T0, changed.changedAt());
        assertEquals(Duration.ofSeconds(45), settings.requestedTimeout(), "not committed yet: not in effect");
        commit();
        assertEquals(Duration.ofSeconds(90), settings.requestedTimeout());

        catalog.change(STATE_KEY, "REC_STATE");
        commit();
        assertEquals("REC_STATE", settings.stateKey());
        assertEquals(Duration.ofSeconds(90), settings.requestedTimeout());
    }

    @Test
    void theSnapshotReadsTheTableOnceBetweenChangesNotPerRecording() throws SettingRefused {
        catalog.change(TIMEOUT, "90");
        commit();
        int before = rows.reads;
        for (int recording = 0; recording < 1000; recording++) {
            settings.requestedTimeout();
            settings.completenessPolicy();
            settings.stateKey();
        }
        assertEquals(before + 1, rows.reads);
    }

    @Test
    void aRefusedValueIsNotStoredNotAuditedAndSaysWhatTheSettingTakes() throws SettingRefused {
        catalog.change(TIMEOUT, "90");
        commit();
        audit.entries.clear();

        assertEquals("recorder.requested-timeout-seconds must be a number from 1 to 86400, not 'soon'",
                refusal(TIMEOUT, "soon"));
        assertEquals("recorder.requested-timeout-seconds must be a number from 1 to 86400, not '0'",
                refusal(TIMEOUT, "0"));
        assertEquals("recorder.requested-timeout-seconds needs a value: a number from 1 to 86400",
                refusal(TIMEOUT, " "));
        assertEquals("recorder.requested-timeout-seconds needs a value: a number from 1 to 86400",
                refusal(TIMEOUT, null));
        assertEquals("recorder.call-control.state-key must be 1 to 64 letters, digits, '_', '-' or '.', not"
                + " 'GSIP RECORD'", refusal(STATE_KEY, "GSIP RECORD"));
        assertEquals("recorder.retention.enforced must be true or false, not 'no'",
                refusal("recorder.retention.enforced", "no"));

        assertEquals("90", catalog.find(TIMEOUT).storedValue(), "the stored value is unchanged");
        assertTrue(catalog.find(STATE_KEY).storedValue() == null, "nothing stored");
        assertEquals(List.of(), audit.entries);
        assertEquals(List.of(), onCommit, "nothing to renew");
        assertEquals(Duration.ofSeconds(90), settings.requestedTimeout());
    }

    @Test
    void aChangeAndAResetAreAuditedFromTo() throws SettingRefused {
        catalog.change(TIMEOUT, "90");
        catalog.change(TIMEOUT, "120");
        SettingView reset = catalog.reset(TIMEOUT);
        commit();

        assertEquals(List.of("45", "system-property"), List.of(reset.value(), reset.source()));
        assertNull(reset.storedValue());
        assertEquals(Duration.ofSeconds(45), settings.requestedTimeout(), "the system property speaks again");
        assertEquals(List.of(
                "{\"from\":{\"value\":\"45\",\"source\":\"system-property\"},\"to\":{\"value\":\"90\",\"source\":\"console\"}}",
                "{\"from\":{\"value\":\"90\",\"source\":\"console\"},\"to\":{\"value\":\"120\",\"source\":\"console\"}}",
                "{\"from\":{\"value\":\"120\",\"source\":\"console\"},\"to\":{\"value\":\"45\",\"source\":\"system-property\"}}"),
                audit.entries.stream().map(RecordedAudit.Entry::detail).toList());
        audit.entries.forEach(entry -> {
            assertEquals(AuditAction.SETTING_CHANGED, entry.action());
            assertEquals(AuditTarget.setting(TIMEOUT), entry.target());
            assertEquals("caller", entry.user());
        });

        assertEquals(reset, catalog.reset(TIMEOUT), "nothing stored: the same setting");
        assertEquals(3, audit.entries.size(), "a reset that changes nothing is not a change");
    }

    @Test
    void anUnknownNameIsNotFound() {
        for (SettingRefused refused : List.of(
                assertThrows(SettingRefused.class, () -> catalog.find("recorder.nothing")),
                assertThrows(SettingRefused.class, () -> catalog.change("recorder.nothing", "1")),
                assertThrows(SettingRefused.class, () -> catalog.reset("recorder.nothing")))) {
            assertEquals(SettingRefused.Reason.UNKNOWN, refused.reason());
            assertTrue(refused.getMessage().startsWith("no setting recorder.nothing; the settings are ["
                    + "recorder.loss-tolerance-percent, "), refused.getMessage());
        }
        assertEquals(List.of(), audit.entries);
    }

    @Test
    void aValueTheRecorderCannotUseIsShownAsIgnoredWithTheDefaultInEffect() {
        systemProperties.put(TIMEOUT, "a minute");

        SettingView timeout = catalog.all().get(2);

        assertEquals(List.of("60", "default"), List.of(timeout.value(), timeout.source()));
        assertEquals("recorder.requested-timeout-seconds must be a number from 1 to 86400, not 'a minute'"
                + " (system-property); using 60", timeout.ignored());
    }

    private String refusal(String name, String value) {
        SettingRefused refused = assertThrows(SettingRefused.class, () -> catalog.change(name, value));
        assertEquals(SettingRefused.Reason.INVALID, refused.reason());
        return refused.getMessage();
    }
}
