package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.calls.CallControlSettings;
import org.activerecorder.application.settings.Setting;
import org.activerecorder.application.settings.SettingReading;
import org.activerecorder.application.settings.SettingSource;
import org.activerecorder.domain.model.recording.CompletenessPolicy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The recorder's own settings on the recording side ({@link Setting}). Each takes, in this order, the value an
 * administrator stored in the console ({@link StoredSettings}), a system property (e.g.
 * {@code -Drecorder.loss-tolerance-percent=2}), the environment variable of the same name in upper case with
 * {@code .} and {@code -} as {@code _} ({@code RECORDER_LOSS_TOLERANCE_PERCENT}), or its default. The stored value
 * comes first because the provisioned server sets system properties of its own (with their defaults). Values are
 * read each time they are used, so a change counts from the next recording on. A value that cannot be used is logged
 * and replaced by the default: a typo must not stop recordings from finishing.
 */
@ApplicationScoped
public class RecorderSettings implements CallControlSettings {

    public static final String LOSS_TOLERANCE_PERCENT = Setting.LOSS_TOLERANCE_PERCENT.key();
    public static final String LONE_STREAM_GRACE_SECONDS = Setting.LONE_STREAM_GRACE_SECONDS.key();
    /** The user-data key that carries the recorder's recording state (ON, PAUSED, OFF) back to call control. */
    public static final String STATE_KEY = Setting.STATE_KEY.key();
    /** The user-data key that carries the recording's file name back to call control. */
    public static final String FILE_KEY = Setting.FILE_KEY.key();
    /** How long a recording started on request waits for the Media Server's sessions before it fails. */
    public static final String REQUESTED_TIMEOUT_SECONDS = Setting.REQUESTED_TIMEOUT_SECONDS.key();
    /** {@code false} keeps every recording's audio past its retention (a legal hold, a migration); default true. */
    public static final String RETENTION_ENFORCED = Setting.RETENTION_ENFORCED.key();
    /**
     * How long a command for call control stays valid on its queue: a bridge that was down must not start, pause or
     * stop a recording on a command long overtaken by events. Expired commands go to the broker's expiry queue.
     */
    public static final String COMMAND_TIME_TO_LIVE_SECONDS = Setting.COMMAND_TIME_TO_LIVE_SECONDS.key();

    private static final Logger LOG = Logger.getLogger(RecorderSettings.class.getName());

    private UnaryOperator<String> console;
    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;

    public RecorderSettings() {
        this(name -> null, System::getProperty, System::getenv);
    }

    /** Without stored values: for tests. */
    RecorderSettings(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        this(name -> null, systemProperties, environment);
    }

    /** Over these sources, first to last: for tests. */
    RecorderSettings(UnaryOperator<String> console, UnaryOperator<String> systemProperties,
                     UnaryOperator<String> environment) {
        this.console = console;
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    @Inject
    void readStoredValuesFrom(StoredSettings stored) {
        this.console = stored::value;
    }

    /** How completeness is judged: {@link Setting#LOSS_TOLERANCE_PERCENT} and {@link Setting#LONE_STREAM_GRACE_SECONDS}. */
    public CompletenessPolicy completenessPolicy() {
        double tolerance = number(Setting.LOSS_TOLERANCE_PERCENT);
        double grace = number(Setting.LONE_STREAM_GRACE_SECONDS);
        return new CompletenessPolicy(tolerance, Duration.ofMillis(Math.round(grace * 1000)));
    }

    /** The user-data key of the recording state: {@link Setting#STATE_KEY}, default {@code GSIP_RECORD}. */
    public String stateKey() {
        return read(Setting.STATE_KEY).value();
    }

    /** The user-data key of the file name: {@link Setting#FILE_KEY}, default {@code GSIP_REC_FN}. */
    public String fileKey() {
        return read(Setting.FILE_KEY).value();
    }

    /** {@link Setting#REQUESTED_TIMEOUT_SECONDS}, default 60 s. */
    public Duration requestedTimeout() {
        return Duration.ofMillis(Math.round(number(Setting.REQUESTED_TIMEOUT_SECONDS) * 1000));
    }

    /** Whether audio is deleted when its retention ends: {@link Setting#RETENTION_ENFORCED}, default true. */
    public boolean retentionEnforced() {
        return Boolean.parseBoolean(read(Setting.RETENTION_ENFORCED).value());
    }

    /** {@link Setting#COMMAND_TIME_TO_LIVE_SECONDS}, default 300 s. */
    @Override
    public Duration commandTimeToLive() {
        return Duration.ofMillis(Math.round(number(Setting.COMMAND_TIME_TO_LIVE_SECONDS) * 1000));
    }

    /**
     * Whether a stereo file's SHA-256 is taken before its recording's completion is stored and published
     * ({@link Setting#FILE_SHA256}, default {@code at-completion}), or after it, by the sweep.
     */
    public boolean fileSha256AtCompletion() {
        return Setting.AT_COMPLETION.equals(read(Setting.FILE_SHA256).value());
    }

    /** The value in effect and where it comes from; a value that cannot be used is logged and the default stands. */
    public SettingReading read(Setting setting) {
        return read(setting, console);
    }

    /**
     * As {@link #read(Setting)}, with these stored values in place of the snapshot: what a change about to be
     * committed will make of the setting.
     */
    public SettingReading read(Setting setting, UnaryOperator<String> stored) {
        SettingSource source = SettingSource.CONSOLE;
        String value = present(stored.apply(setting.key()));
        if (value == null) {
            source = SettingSource.SYSTEM_PROPERTY;
            value = present(systemProperties.apply(setting.key()));
        }
        if (value == null) {
            source = SettingSource.ENVIRONMENT;
            value = present(environment.apply(environmentName(setting.key())));
        }
        if (value == null) {
            return new SettingReading(setting, setting.defaultValue(), SettingSource.DEFAULT, null);
        }
        Optional<String> problem = setting.problem(value);
        if (problem.isEmpty()) {
            return new SettingReading(setting, value, source, null);
        }
        String ignored = problem.get() + " (" + source.label() + "); using " + setting.defaultValue();
        LOG.warning(ignored);
        return new SettingReading(setting, setting.defaultValue(), SettingSource.DEFAULT, ignored);
    }

    /** The environment variable that stands for a setting. */
    static String environmentName(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private double number(Setting setting) {
        // the setting's own rule has accepted the value, or it is the default: it parses
        return Double.parseDouble(read(setting).value());
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
