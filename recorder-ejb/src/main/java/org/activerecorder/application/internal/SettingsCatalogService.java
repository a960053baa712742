package org.activerecorder.application.internal;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.application.settings.Setting;
import org.activerecorder.application.settings.SettingReading;
import org.activerecorder.application.settings.SettingRefused;
import org.activerecorder.application.settings.SettingView;
import org.activerecorder.application.settings.SettingsCatalog;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.setting.StoredSetting;
import org.activerecorder.domain.model.setting.StoredSettingRepository;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The settings as {@link RecorderSettings} reads them, and the console's stored values: read by those who may see
 * the recorder's configuration, stored and reset by administrators. A value is checked by the setting's own rule
 * ({@link Setting#problem}) before anything is stored; the snapshot recordings read is renewed once the change has
 * committed, so a change rolled back is never seen.
 */
@Stateless
@SecurityDomain("recorder")
@RolesAllowed({"admin", "supervisor", "auditor"})
public class SettingsCatalogService implements SettingsCatalog {

    private static final Logger LOG = Logger.getLogger(SettingsCatalogService.class.getName());

    @Inject
    private StoredSettingRepository stored;

    @Inject
    private RecorderSettings settings;

    @Inject
    private StoredSettings snapshot;

    @Inject
    private AuditTrail audit;

    @Inject
    private TransactionCallbacks transaction;

    @Resource
    private SessionContext context;

    private Clock clock = Clock.systemUTC();
    private Supplier<String> caller = this::callerName;
    private Consumer<Runnable> afterCommit = action -> transaction.afterCommit(action);

    /** For the container. */
    public SettingsCatalogService() {
    }

    /** Over these collaborators, the caller given, {@code afterCommit} standing in for the transaction: for tests. */
    SettingsCatalogService(StoredSettingRepository stored, RecorderSettings settings, StoredSettings snapshot,
                           AuditTrail audit, Clock clock, Supplier<String> caller, Consumer<Runnable> afterCommit) {
        this.stored = stored;
        this.settings = settings;
        this.snapshot = snapshot;
        this.audit = audit;
        this.clock = clock;
        this.caller = caller;
        this.afterCommit = afterCommit;
    }

    @Override
    public List<SettingView> all() {
        Map<String, StoredSetting> rows = rows();
        return Arrays.stream(Setting.values()).map(setting -> view(setting, rows)).toList();
    }

    @Override
    public SettingView find(String name) throws SettingRefused {
        return view(known(name), rows());
    }

    @Override
    @RolesAllowed("admin")
    public SettingView change(String name, String value) throws SettingRefused {
        Setting setting = known(name);
        Optional<String> problem = setting.problem(value);
        if (problem.isPresent()) {
            throw new SettingRefused(SettingRefused.Reason.INVALID, problem.get());
        }
        String accepted = value.strip();
        if (accepted.length() > StoredSetting.MAX_VALUE_LENGTH) {
            throw new SettingRefused(SettingRefused.Reason.INVALID, name + " takes at most "
                    + StoredSetting.MAX_VALUE_LENGTH + " characters");
        }
        Map<String, StoredSetting> rows = rows();
        SettingView before = view(setting, rows);
        StoredSetting row = rows.get(name);
        if (row == null) {
            row = new StoredSetting(name, accepted, clock.instant(), caller.get());
            stored.add(row);
            rows.put(name, row);
        } else {
            row.change(accepted, clock.instant(), caller.get());
        }
        return changed(setting, before, view(setting, rows));
    }

    @Override
    @RolesAllowed("admin")
    public SettingView reset(String name) throws SettingRefused {
        Setting setting = known(name);
        Map<String, StoredSetting> rows = rows();
        SettingView before = view(setting, rows);
        StoredSetting row = rows.remove(name);
        if (row == null) {
            return before; // nothing stored: nothing changes, nothing to audit
        }
        stored.remove(row);
        return changed(setting, before, view(setting, rows));
    }

    private SettingView changed(Setting setting, SettingView before, SettingView after) {
        audit.changed(AuditAction.SETTING_CHANGED, AuditTarget.setting(setting.key()), audited(before),
                audited(after));
        afterCommit.accept(snapshot::forget);
        LOG.info(() -> "Setting " + setting.key() + " changed by " + caller.get() + ": " + before.value() + " ("
                + before.source() + ") -> " + after.value() + " (" + after.source() + ")");
        return after;
    }

    private Setting known(String name) throws SettingRefused {
        return Setting.named(name).orElseThrow(() -> new SettingRefused(SettingRefused.Reason.UNKNOWN,
                "no setting " + name + "; the settings are " + Arrays.stream(Setting.values()).map(Setting::key)
                        .toList()));
    }

    private Map<String, StoredSetting> rows() {
        return stored.all().stream().collect(Collectors.toMap(StoredSetting::name, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    /** The setting as these rows make it (not the snapshot, which a change in this transaction has not reached). */
    private SettingView view(Setting setting, Map<String, StoredSetting> rows) {
        SettingReading reading = settings.read(setting, name -> {
            StoredSetting row = rows.get(name);
            return row == null ? null : row.value();
        });
        StoredSetting row = rows.get(setting.key());
        return new SettingView(setting.key(), reading.value(), reading.source().label(), setting.defaultValue(),
                setting.meaning(), setting.allowed(), row == null ? null : row.value(),
                row == null ? null : row.changedBy(), row == null ? null : row.changedAt(), reading.ignored());
    }

    /** The setting as the audit log shows it: the value in effect and where it comes from. */
    private static Map<String, Object> audited(SettingView setting) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("value", setting.value());
        shown.put("source", setting.source());
        return shown;
    }

    private String callerName() {
        Principal principal = context.getCallerPrincipal();
        return principal == null ? "anonymous" : principal.getName();
    }
}
