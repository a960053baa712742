package org.activerecorder.application.internal;

import org.activerecorder.domain.model.rule.RecordingRule;
import org.activerecorder.domain.model.rule.RecordingRuleRepository;
import org.activerecorder.domain.model.rule.RuleVersion;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Rules and versions in lists, ids given as the sequence would, for unit tests of the application services. */
class InMemoryRules implements RecordingRuleRepository {

    private final List<RecordingRule> rules = new ArrayList<>();
    private final List<RuleVersion> versions = new ArrayList<>();
    private long nextId = 1;

    @Override
    public void add(RecordingRule rule) {
        try {
            Field id = RecordingRule.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(rule, nextId++);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        rules.add(rule);
    }

    @Override
    public void add(RuleVersion version) {
        if (version(version.ruleId(), version.version()).isPresent()) {
            throw new IllegalStateException("version " + version.version() + " of rule " + version.ruleId()
                    + " is stored already");
        }
        versions.add(version);
    }

    @Override
    public Optional<RecordingRule> find(long id) {
        return rules.stream().filter(r -> r.id() == id).findFirst();
    }

    @Override
    public Optional<RecordingRule> lock(long id) {
        return find(id);
    }

    @Override
    public Optional<RuleVersion> version(long ruleId, int version) {
        return versions.stream().filter(v -> v.ruleId() == ruleId && v.version() == version).findFirst();
    }

    @Override
    public List<RuleVersion> current() {
        return rules.stream().filter(r -> !r.deleted())
                .map(r -> version(r.id(), r.currentVersion()).orElseThrow())
                .sorted(Comparator.comparingLong(RuleVersion::ruleId))
                .toList();
    }
}
