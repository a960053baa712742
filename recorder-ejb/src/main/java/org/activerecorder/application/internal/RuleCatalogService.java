package org.activerecorder.application.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.ListedRule;
import org.activerecorder.application.rules.RuleCatalog;
import org.activerecorder.application.rules.RuleView;
import org.activerecorder.domain.model.rule.InvalidRuleException;
import org.activerecorder.domain.model.rule.RecordingRule;
import org.activerecorder.domain.model.rule.RecordingRuleRepository;
import org.activerecorder.domain.model.rule.RuleDraft;
import org.activerecorder.domain.model.rule.RuleOrder;
import org.activerecorder.domain.model.rule.RuleVersion;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The rules and their versions, read by people who may see the recorder's settings and changed by administrators. */
@Stateless
@SecurityDomain("recorder")
@RolesAllowed({"admin", "supervisor", "auditor"})
public class RuleCatalogService implements RuleCatalog {

    private static final Logger LOG = Logger.getLogger(RuleCatalogService.class.getName());

    @Inject
    private RecordingRuleRepository rules;

    @Inject
    private AuditTrail audit;

    private Clock clock = Clock.systemUTC();

    /** For the container. */
    public RuleCatalogService() {
    }

    /** Over this repository and clock: for tests. */
    RuleCatalogService(RecordingRuleRepository rules, Clock clock, AuditTrail audit) {
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<RuleView> current() {
        // the order rules are tried in; disabled ones are listed where their priority would put them
        return rules.current().stream()
                .sorted(Comparator.comparingInt((RuleVersion v) -> v.draft().priority())
                        .thenComparingLong(RuleVersion::ruleId))
                .map(v -> view(v, v.version(), false))
                .toList();
    }

    @Override
    public RuleView find(long id) throws ConfigurationRefused {
        RecordingRule rule = inUse(id, rules.find(id).orElse(null));
        return view(stored(rule.id(), rule.currentVersion()), rule.currentVersion(), false);
    }

    @Override
    public RuleView version(long id, int version) throws ConfigurationRefused {
        RecordingRule rule = rules.find(id).orElseThrow(() -> unknown(id));
        RuleVersion found = rules.version(id, version).orElseThrow(() -> new ConfigurationRefused(
                ConfigurationRefused.Reason.UNKNOWN, "rule " + id + " has versions 1 to " + rule.currentVersion()
                + ", not " + version));
        return view(found, rule.currentVersion(), rule.deleted());
    }

    @Override
    @RolesAllowed("admin")
    public RuleView create(RuleDraft draft, String by) throws ConfigurationRefused {
        validate(draft);
        RecordingRule rule = new RecordingRule(clock.instant());
        rules.add(rule);
        RuleVersion first = save(rule, draft, by);
        LOG.info(() -> "Rule " + rule.id() + " \"" + draft.name() + "\" created by " + by);
        RuleView created = view(first, first.version(), false);
        audit.changed(AuditAction.RULE_CREATED, AuditTarget.rule(rule.id()), null, created);
        return created;
    }

    @Override
    @RolesAllowed("admin")
    public RuleView update(long id, RuleDraft draft, Integer seen, String by) throws ConfigurationRefused {
        RecordingRule rule = inUse(id, rules.lock(id).orElse(null));
        atSeenVersion(rule, seen, "changed");
        RuleView before = view(stored(rule.id(), rule.currentVersion()), rule.currentVersion(), false);
        validate(draft);
        RuleVersion next = save(rule, draft, by);
        LOG.info(() -> "Rule " + id + " \"" + draft.name() + "\" is now version " + next.version() + ", by " + by);
        RuleView after = view(next, next.version(), false);
        audit.changed(AuditAction.RULE_CHANGED, AuditTarget.rule(id), before, after);
        return after;
    }

    @Override
    @RolesAllowed("admin")
    public void delete(long id, Integer seen, String by) throws ConfigurationRefused {
        RecordingRule rule = inUse(id, rules.lock(id).orElse(null));
        atSeenVersion(rule, seen, "deleted");
        RuleView before = view(stored(rule.id(), rule.currentVersion()), rule.currentVersion(), false);
        rule.delete(clock.instant(), by);
        audit.changed(AuditAction.RULE_DELETED, AuditTarget.rule(id), before, null);
        LOG.info(() -> "Rule " + id + " deleted by " + by + "; its " + rule.currentVersion() + " version(s) are kept");
    }

    @Override
    @RolesAllowed("admin")
    public List<RuleView> reorder(List<ListedRule> order, String by) throws ConfigurationRefused {
        List<Long> wanted = distinctIds(order);
        Map<Long, RecordingRule> locked = lockInUseAnd(wanted);
        List<String> stale = differences(order, locked);
        if (!stale.isEmpty()) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.STALE, "the rules changed since they were"
                    + " read, so the order was not changed: " + String.join("; ", stale), stale);
        }
        Map<Long, RuleVersion> now = new LinkedHashMap<>();
        wanted.forEach(id -> now.put(id, stored(id, locked.get(id).currentVersion())));
        Map<Long, Integer> priorities = new LinkedHashMap<>();
        now.forEach((id, version) -> priorities.put(id, version.draft().priority()));
        Map<Long, Integer> changes;
        try {
            changes = RuleOrder.changedPriorities(priorities, wanted);
        } catch (InvalidRuleException invalid) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.INVALID, invalid.getMessage(),
                    invalid.problems());
        }
        for (Map.Entry<Long, Integer> change : changes.entrySet()) {
            RuleVersion was = now.get(change.getKey());
            RuleVersion next = save(locked.get(change.getKey()), was.draft().withPriority(change.getValue()), by);
            audit.changed(AuditAction.RULE_CHANGED, AuditTarget.rule(change.getKey()),
                    view(was, was.version(), false), view(next, next.version(), false));
        }
        LOG.info(() -> "Rules reordered by " + by + ": " + (changes.isEmpty() ? "already in that order"
                : changes.entrySet().stream().map(c -> "rule " + c.getKey() + " priority "
                        + priorities.get(c.getKey()) + " -> " + c.getValue()).collect(Collectors.joining(", "))));
        return current();
    }

    /** The ids in order; {@code INVALID} when one is named twice. */
    private static List<Long> distinctIds(List<ListedRule> order) throws ConfigurationRefused {
        List<Long> ids = order.stream().map(ListedRule::id).toList();
        Set<Long> twice = ids.stream().filter(id -> Collections.frequency(ids, id) > 1)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!twice.isEmpty()) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.INVALID, "the order names rule"
                    + (twice.size() == 1 ? " " : "s ") + twice.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " more than once");
        }
        return ids;
    }

    /**
     * Every rule in use and every rule named, locked in id order (so that two reorders cannot deadlock) and read
     * after the lock, so that no change can slip in between the check and the save.
     */
    private Map<Long, RecordingRule> lockInUseAnd(List<Long> named) {
        Set<Long> ids = new TreeSet<>(named);
        rules.current().forEach(v -> ids.add(v.ruleId()));
        Map<Long, RecordingRule> locked = new TreeMap<>();
        for (long id : ids) {
            rules.lock(id).ifPresent(rule -> locked.put(id, rule));
        }
        return locked;
    }

    /** How the order given differs from the rules as they are: each rule at another version, gone, or not named. */
    private List<String> differences(List<ListedRule> order, Map<Long, RecordingRule> locked) {
        List<String> problems = new ArrayList<>();
        Set<Long> named = new TreeSet<>();
        for (ListedRule listed : order) {
            named.add(listed.id());
            RecordingRule rule = locked.get(listed.id());
            if (rule == null) {
                problems.add("there is no rule " + listed.id());
            } else if (rule.deleted()) {
                problems.add("rule " + listed.id() + " was deleted at " + rule.deletedAt() + " by " + rule.deletedBy());
            } else if (rule.currentVersion() != listed.version()) {
                RuleVersion now = stored(rule.id(), rule.currentVersion());
                problems.add("rule " + listed.id() + " is at version " + rule.currentVersion() + " (saved at "
                        + now.savedAt() + " by " + now.savedBy() + "), not " + listed.version());
            }
        }
        locked.values().stream().filter(rule -> !rule.deleted() && !named.contains(rule.id())).forEach(rule -> {
            RuleVersion now = stored(rule.id(), rule.currentVersion());
            problems.add("rule " + rule.id() + " \"" + now.draft().name() + "\" (version " + now.version()
                    + ", saved at " + now.savedAt() + " by " + now.savedBy() + ") is not in the order");
        });
        return problems;
    }

    /**
     * Refuses a change based on a version other than the current one (the rule is locked, so nothing can move it on
     * between this check and the save); {@code seen == null} asks for no check.
     */
    private void atSeenVersion(RecordingRule rule, Integer seen, String change) throws ConfigurationRefused {
        if (seen == null || seen == rule.currentVersion()) {
            return;
        }
        RuleVersion now = stored(rule.id(), rule.currentVersion());
        String message = "rule " + rule.id() + " is at version " + now.version() + " (saved at " + now.savedAt()
                + " by " + now.savedBy() + "), not " + seen + ", so it was not " + change
                + ": read it again and decide again";
        LOG.info(() -> "Rule " + rule.id() + " not " + change + ": the change was based on version " + seen
                + ", the rule is at version " + now.version());
        throw ConfigurationRefused.stale(message,
                new ConfigurationRefused.Current(now.version(), now.savedAt(), now.savedBy()));
    }

    private RuleVersion save(RecordingRule rule, RuleDraft draft, String by) {
        RuleVersion version = rule.revise(draft, clock.instant(), by);
        rules.add(version);
        return version;
    }

    private RuleVersion stored(long id, int version) {
        return rules.version(id, version).orElseThrow(() -> new IllegalStateException(
                "rule " + id + " names version " + version + ", which is not stored"));
    }

    private static void validate(RuleDraft draft) throws ConfigurationRefused {
        try {
            draft.validate();
        } catch (InvalidRuleException invalid) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.INVALID, invalid.getMessage(),
                    invalid.problems());
        }
    }

    private static RecordingRule inUse(long id, RecordingRule rule) throws ConfigurationRefused {
        if (rule == null) {
            throw unknown(id);
        }
        if (rule.deleted()) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.UNKNOWN, "rule " + id + " was deleted at "
                    + rule.deletedAt() + " by " + rule.deletedBy() + "; its versions stay readable at /api/rules/"
                    + id + "/versions/1 to " + rule.currentVersion());
        }
        return rule;
    }

    private static ConfigurationRefused unknown(long id) {
        return new ConfigurationRefused(ConfigurationRefused.Reason.UNKNOWN, "there is no rule " + id);
    }

    static RuleView view(RuleVersion v, int currentVersion, boolean deleted) {
        RuleDraft d = v.draft();
        return new RuleView(v.ruleId(), v.version(), currentVersion, deleted, d.name(), d.priority(),
                d.enabled() == null || d.enabled(), d.dn(), d.agentId(), d.direction(), d.ani(), d.dnis(),
                d.userDataKey(), d.userDataValue(), d.days(), d.hoursFrom(), d.hoursTo(), d.timeZone(),
                d.samplingPercent(), d.record() == null || d.record(), d.parties(), d.retentionDays(),
                d.fileNameTemplate(), v.savedAt(), v.savedBy());
    }
}
