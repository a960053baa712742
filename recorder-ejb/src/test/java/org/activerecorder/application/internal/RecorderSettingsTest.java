package org.activerecorder.application.internal;

import org.activerecorder.application.settings.Setting;
import org.activerecorder.application.settings.SettingReading;
import org.activerecorder.application.settings.SettingSource;
import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecorderSettingsTest {

    private static RecorderSettings settings(Map<String, String> properties, Map<String, String> environment) {
        return new RecorderSettings(properties::get, environment::get);
    }

    @Test
    void theEnvironmentNameIsUpperCaseWithUnderscores() {
        assertEquals("RECORDER_LOSS_TOLERANCE_PERCENT",
                RecorderSettings.environmentName(RecorderSettings.LOSS_TOLERANCE_PERCENT));
        assertEquals("RECORDER_LONE_STREAM_GRACE_SECONDS",
                RecorderSettings.environmentName(RecorderSettings.LONE_STREAM_GRACE_SECONDS));
    }

    @Test
    void aSystemPropertyBeatsTheEnvironmentWhichBeatsTheDefault() {
        CompletenessPolicy both = settings(
                Map.of("recorder.loss-tolerance-percent", "2.5"),
                Map.of("RECORDER_LOSS_TOLERANCE_PERCENT", "7", "RECORDER_LONE_STREAM_GRACE_SECONDS", "12"))
                .completenessPolicy();
        assertEquals(2.5, both.lossTolerancePercent());
        assertEquals(Duration.ofSeconds(12), both.loneStreamGrace());

        CompletenessPolicy none = settings(Map.of(), Map.of()).completenessPolicy();
        assertEquals(1.0, none.lossTolerancePercent());
        assertEquals(Duration.ofSeconds(30), none.loneStreamGrace());
    }

    @Test
    void aValueThatCannotBeUsedFallsBackToTheDefault() {
        CompletenessPolicy policy = settings(
                Map.of("recorder.loss-tolerance-percent", "one", "recorder.lone-stream-grace-seconds", "-3"),
                Map.of()).completenessPolicy();

        assertEquals(1.0, policy.lossTolerancePercent());
        assertEquals(Duration.ofSeconds(30), policy.loneStreamGrace());
    }

    @Test
    void aBlankSystemPropertyLetsTheEnvironmentSpeak() {
        CompletenessPolicy policy = settings(Map.of("recorder.lone-stream-grace-seconds", " "),
                Map.of("RECORDER_LONE_STREAM_GRACE_SECONDS", "0.5")).completenessPolicy();

        assertEquals(Duration.ofMillis(500), policy.loneStreamGrace());
    }

    @Test
    void callControlCommandsLiveFiveMinutesUnlessToldOtherwiseAndNeverForEver() {
        assertEquals(Duration.ofMinutes(5), settings(Map.of(), Map.of()).commandTimeToLive());
        assertEquals(Duration.ofSeconds(30), settings(Map.of(),
                Map.of("RECORDER_CALL_CONTROL_COMMAND_TTL_SECONDS", "30")).commandTimeToLive());
        assertEquals(Duration.ofMinutes(5), settings(Map.of("recorder.call-control.command-ttl-seconds", "0"),
                Map.of()).commandTimeToLive(), "0 would mean never expire: refused, the default stands");
    }

    @Test
    void aValueStoredInTheConsoleBeatsTheSystemPropertyTheServerAlwaysSets() {
        RecorderSettings settings = new RecorderSettings(
                Map.of("recorder.requested-timeout-seconds", "90", "recorder.retention.enforced", "FALSE")::get,
                Map.of("recorder.requested-timeout-seconds", "60", "recorder.retention.enforced", "true",
                        "recorder.call-control.state-key", "GSIP_RECORD")::get,
                Map.of("RECORDER_CALL_CONTROL_STATE_KEY", "FROM_ENV")::get);

        assertEquals(Duration.ofSeconds(90), settings.requestedTimeout());
        assertFalse(settings.retentionEnforced());
        assertEquals("GSIP_RECORD", settings.stateKey(), "nothing stored: the system property");
        assertEquals(SettingSource.CONSOLE, settings.read(Setting.REQUESTED_TIMEOUT_SECONDS).source());
    }

    @Test
    void aStoredValueTheRuleNoLongerAcceptsIsReplacedByTheDefaultNotByTheNextPlace() {
        RecorderSettings settings = new RecorderSettings(Map.of("recorder.call-control.state-key", "GSIP RECORD")::get,
                Map.of("recorder.call-control.state-key", "OTHER")::get, name -> null);

        SettingReading reading = settings.read(Setting.STATE_KEY);

        assertEquals("GSIP_RECORD", settings.stateKey());
        assertEquals(SettingSource.DEFAULT, reading.source());
        assertTrue(reading.ignored().contains("(console)"), reading.ignored());
    }

    @Test
    void retentionIsEnforcedUnlessToldFalseInSomeCase() {
        assertTrue(settings(Map.of(), Map.of()).retentionEnforced());
        assertFalse(settings(Map.of("recorder.retention.enforced", " False "), Map.of()).retentionEnforced());
        assertTrue(settings(Map.of("recorder.retention.enforced", "no"), Map.of()).retentionEnforced(),
                "neither true nor false: the default, enforced");
    }
}
