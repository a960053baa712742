package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import org.activerecorder.application.calls.CallControlSettings;
import org.activerecorder.domain.model.recording.CompletenessPolicy;

import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The recorder's own settings on the recording side. Each takes, in this order, a system property (e.g.
 * {@code -Drecorder.loss-tolerance-percent=2}), the environment variable of the same name in upper case with
 * {@code .} and {@code -} as {@code _} ({@code RECORDER_LOSS_TOLERANCE_PERCENT}), or its default. Values are read
 * each time they are used, so a system property changed at run time counts from the next recording on. A value
 * that cannot be used is logged and replaced by the default: a typo must not stop recordings from finishing.
 */
@ApplicationScoped
public class RecorderSettings implements CallControlSettings {

    public static final String LOSS_TOLERANCE_PERCENT = "recorder.loss-tolerance-percent";
    public static final String LONE_STREAM_GRACE_SECONDS = "recorder.lone-stream-grace-seconds";
    /** The user-data key that carries the recorder's recording state (ON, PAUSED, OFF) back to call control. */
    public static final String STATE_KEY = "recorder.call-control.state-key";
    /** The user-data key that carries the recording's file name back to call control. */
    public static final String FILE_KEY = "recorder.call-control.file-key";
    /** Genesys SIP Server's key for a call's recording state, so that desktops and strategies read it unchanged. */
    public static final String DEFAULT_STATE_KEY = "GSIP_RECORD";
    /** Genesys SIP Server's key for the recording's file name. */
    public static final String DEFAULT_FILE_KEY = "GSIP_REC_FN";
    /** How long a recording started on request waits for the Media Server's sessions before it fails. */
    public static final String REQUESTED_TIMEOUT_SECONDS = "recorder.requested-timeout-seconds";
    /** {@code false} keeps every recording's audio past its retention (a legal hold, a migration); default true. */
    public static final String RETENTION_ENFORCED = "recorder.retention.enforced";
    public static final double DEFAULT_REQUESTED_TIMEOUT_SECONDS = 60;
    /**
     * How long a command for call control stays valid on its queue: a bridge that was down must not start, pause or
     * stop a recording on a command long overtaken by events. Expired commands go to the broker's expiry queue.
     */
    public static final String COMMAND_TIME_TO_LIVE_SECONDS = "recorder.call-control.command-ttl-seconds";
    public static final double DEFAULT_COMMAND_TIME_TO_LIVE_SECONDS = 300;

    private static final Logger LOG = Logger.getLogger(RecorderSettings.class.getName());

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;

    public RecorderSettings() {
        this(System::getProperty, System::getenv);
    }

    RecorderSettings(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** How completeness is judged: {@value #LOSS_TOLERANCE_PERCENT} and {@value #LONE_STREAM_GRACE_SECONDS}. */
    public CompletenessPolicy completenessPolicy() {
        double tolerance = number(LOSS_TOLERANCE_PERCENT, CompletenessPolicy.DEFAULT_LOSS_TOLERANCE_PERCENT, 0, 100);
        double grace = number(LONE_STREAM_GRACE_SECONDS, CompletenessPolicy.DEFAULT_LONE_STREAM_GRACE.toSeconds(), 0,
                86_400);
        return new CompletenessPolicy(tolerance, Duration.ofMillis(Math.round(grace * 1000)));
    }

    /** The user-data key of the recording state: {@value #STATE_KEY}, default {@value #DEFAULT_STATE_KEY}. */
    public String stateKey() {
        return key(STATE_KEY, DEFAULT_STATE_KEY);
    }

    /** The user-data key of the file name: {@value #FILE_KEY}, default {@value #DEFAULT_FILE_KEY}. */
    public String fileKey() {
        return key(FILE_KEY, DEFAULT_FILE_KEY);
    }

    /** {@value #REQUESTED_TIMEOUT_SECONDS}, default 60 s. */
    public Duration requestedTimeout() {
        double seconds = number(REQUESTED_TIMEOUT_SECONDS, DEFAULT_REQUESTED_TIMEOUT_SECONDS, 1, 86_400);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** Whether audio is deleted when its retention ends: {@value #RETENTION_ENFORCED}, default true. */
    public boolean retentionEnforced() {
        String value = value(RETENTION_ENFORCED);
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        LOG.warning(() -> RETENTION_ENFORCED + "='" + value + "' is neither true nor false; retention is enforced");
        return true;
    }

    /** {@value #COMMAND_TIME_TO_LIVE_SECONDS}, default 300 s. */
    @Override
    public Duration commandTimeToLive() {
        double seconds = number(COMMAND_TIME_TO_LIVE_SECONDS, DEFAULT_COMMAND_TIME_TO_LIVE_SECONDS, 1, 86_400);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** A user-data key: letters, digits, {@code _ - .}, at most 64, as T-Lib keys are; else the default. */
    private String key(String setting, String defaultValue) {
        String value = value(setting);
        if (value == null) {
            return defaultValue;
        }
        if (value.matches("[A-Za-z0-9_.-]{1,64}")) {
            return value;
        }
        LOG.warning(() -> setting + " must be 1 to 64 letters, digits, '_', '-' or '.', not '" + value + "'; using "
                + defaultValue);
        return defaultValue;
    }

    /** The environment variable that stands for a setting. */
    static String environmentName(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The setting's value from the first place that has one, or {@code null}. */
    String value(String setting) {
        String value = systemProperties.apply(setting);
        if (value == null || value.isBlank()) {
            value = environment.apply(environmentName(setting));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private double number(String setting, double defaultValue, double min, double max) {
        String value = value(setting);
        if (value == null) {
            return defaultValue;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warning(() -> setting + " must be a number from " + min + " to " + max + ", not '" + value
                + "'; using " + defaultValue);
        return defaultValue;
    }
}
