package org.activerecorder.application.internal;

import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
