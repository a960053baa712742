package org.activerecorder.application.settings;

import org.activerecorder.domain.model.recording.CompletenessPolicy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The recorder's own settings on the recording side, each defined once: its name, its default, what it means and the
 * one rule that says whether a value can be used. {@code RecorderSettings} reads them with this rule and the console
 * refuses a value with the same rule, so a value the console takes is never one the recorder would replace by the
 * default.
 */
public enum Setting {

    LOSS_TOLERANCE_PERCENT("recorder.loss-tolerance-percent",
            number(CompletenessPolicy.DEFAULT_LOSS_TOLERANCE_PERCENT),
            "Share of a stream's packets that may be lost and the recording still be complete.",
            Form.number(0, 100)),
    LONE_STREAM_GRACE_SECONDS("recorder.lone-stream-grace-seconds",
            number(CompletenessPolicy.DEFAULT_LONE_STREAM_GRACE.toSeconds()),
            "How long a session's one stream may go without the other before the recording is incomplete.",
            Form.number(0, 86_400)),
    REQUESTED_TIMEOUT_SECONDS("recorder.requested-timeout-seconds", "60",
            "How long a recording started on request waits for the Media Server's sessions before it fails.",
            Form.number(1, 86_400)),
    RETENTION_ENFORCED("recorder.retention.enforced", "true",
            "Whether audio is deleted when its retention ends (false: a legal hold keeps every recording).",
            Form.TRUE_OR_FALSE),
    COMMAND_TIME_TO_LIVE_SECONDS("recorder.call-control.command-ttl-seconds", "300",
            "How long a command for call control stays valid on its queue before it expires unsent.",
            Form.number(1, 86_400)),
    STATE_KEY("recorder.call-control.state-key", "GSIP_RECORD",
            "The user-data key that carries the recording state (ON, PAUSED, OFF) back to call control.",
            Form.USER_DATA_KEY),
    FILE_KEY("recorder.call-control.file-key", "GSIP_REC_FN",
            "The user-data key that carries the recording's file name back to call control.",
            Form.USER_DATA_KEY),
    FILE_SHA256("recorder.file-sha256", Setting.AT_COMPLETION,
            "When a stereo file's SHA-256 is taken: at-completion (it is in RecordingCompleted) or after-completion"
                    + " (by the sweep once the completions pause, within 5 minutes, in RecordingFileHashed; the"
                    + " completion comes sooner, and carries the audio data's SHA-256).",
            Form.oneOf(Setting.AT_COMPLETION, Setting.AFTER_COMPLETION));

    /** {@link #FILE_SHA256}: the file's SHA-256 is taken before the completion is stored and published. */
    public static final String AT_COMPLETION = "at-completion";
    /** {@link #FILE_SHA256}: the file's SHA-256 is taken after the completion, by the sweep. */
    public static final String AFTER_COMPLETION = "after-completion";

    private final String key;
    private final String defaultValue;
    private final String meaning;
    private final Form form;

    Setting(String key, String defaultValue, String meaning, Form form) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
        this.form = form;
    }

    /** The setting of that name ({@code recorder.…}), if there is one. */
    public static Optional<Setting> named(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** The name: the system property, and the stored row's key. */
    public String key() {
        return key;
    }

    /** The value used when no place gives one, or the one given cannot be used. */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line a person reads to know what changing it does. */
    public String meaning() {
        return meaning;
    }

    /** The allowed values, in words: "a number from 0 to 100". */
    public String allowed() {
        return form.allowed;
    }

    /** Why {@code value} (trimmed) cannot be used, naming the setting; empty when it can. */
    public Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(key + " needs a value: " + form.allowed);
        }
        String trimmed = value.strip();
        if (form.accepts(trimmed)) {
            return Optional.empty();
        }
        return Optional.of(key + " must be " + form.allowed + ", not '" + trimmed + "'");
    }

    /** "1", not "1.0": the defaults are shown as a person would type them. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The values a setting takes: in words, and as a test. */
    private record Form(String allowed, Predicate<String> test) {

        static final Form TRUE_OR_FALSE = new Form("true or false",
                value -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"));
        /** As T-Lib keys are. */
        static final Form USER_DATA_KEY = new Form("1 to 64 letters, digits, '_', '-' or '.'",
                value -> value.matches("[A-Za-z0-9_.-]{1,64}"));

        static Form oneOf(String... values) {
            return new Form(String.join(" or ", values), value -> Arrays.asList(values).contains(value));
        }

        static Form number(double min, double max) {
            return new Form("a number from " + Setting.number(min) + " to " + Setting.number(max), value -> {
                try {
                    double parsed = Double.parseDouble(value);
                    return parsed >= min && parsed <= max;
                } catch (NumberFormatException notANumber) {
                    return false;
                }
            });
        }

        boolean accepts(String value) {
            return test.test(value);
        }
    }
}
