package org.activerecorder.interfaces.web;

import org.activerecorder.application.rules.RuleView;
import org.activerecorder.domain.model.rule.InvalidRuleException;
import org.activerecorder.domain.model.rule.RuleDraft;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule form of {@code rules.xhtml} as typed: text the page turns into a {@link RuleDraft}. A number that is not
 * one is reported at its field with the draft's own problems (the server's validation, so every problem shows at
 * once), not as a second set of rules about rules.
 */
public class RuleForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The fields, named as the validation's problems name them. */
    static final List<String> FIELDS = List.of("name", "priority", "enabled", "dn", "agentId", "direction", "ani",
            "dnis", "userDataKey", "userDataValue", "days", "hoursFrom", "hoursTo", "timeZone", "samplingPercent",
            "record", "parties", "retentionDays", "fileNameTemplate");

    private String name;
    private String priority;
    private boolean enabled = true;
    private String dn;
    private String agentId;
    private String direction;
    private String ani;
    private String dnis;
    private String userDataKey;
    private String userDataValue;
    private String days;
    private String hoursFrom;
    private String hoursTo;
    private String timeZone;
    private String samplingPercent;
    private boolean record = true;
    private String parties = "thisDn";
    private String retentionDays;
    private String fileNameTemplate;

    /** The form showing a rule's current version, to edit it. */
    static RuleForm of(RuleView rule) {
        RuleForm form = new RuleForm();
        form.name = rule.name();
        form.priority = Integer.toString(rule.priority());
        form.enabled = rule.enabled();
        form.dn = rule.dn();
        form.agentId = rule.agentId();
        form.direction = rule.direction();
        form.ani = rule.ani();
        form.dnis = rule.dnis();
        form.userDataKey = rule.userDataKey();
        form.userDataValue = rule.userDataValue();
        form.days = rule.days() == null ? null : String.join(", ", rule.days());
        form.hoursFrom = rule.hoursFrom();
        form.hoursTo = rule.hoursTo();
        form.timeZone = rule.timeZone();
        form.samplingPercent = rule.samplingPercent() == null ? null : rule.samplingPercent().toString();
        form.record = rule.record();
        form.parties = rule.parties();
        form.retentionDays = rule.retentionDays() == null ? null : rule.retentionDays().toString();
        form.fileNameTemplate = rule.fileNameTemplate();
        return form;
    }

    /** The rule as a draft: its own validation's problems and unreadable numbers land in {@code problems}. */
    RuleDraft draft(List<String> problems) {
        Set<String> unreadable = new HashSet<>();
        List<String> found = new ArrayList<>();
        RuleDraft draft = new RuleDraft(text(name), number("priority", priority, found, unreadable), enabled, text(dn),
                text(agentId), text(direction), text(ani), text(dnis), text(userDataKey), text(userDataValue),
                days(days), text(hoursFrom), text(hoursTo), text(timeZone),
                number("samplingPercent", samplingPercent, found, unreadable), record, text(parties),
                number("retentionDays", retentionDays, found, unreadable), text(fileNameTemplate));
        try {
            draft.validate();
        } catch (InvalidRuleException invalid) {
            // "priority is missing" says nothing new after "priority must be a whole number"
            invalid.problems().stream().filter(p -> unreadable.stream().noneMatch(f -> p.startsWith(f + " is missing")))
                    .forEach(found::add);
        }
        problems.addAll(found);
        return draft;
    }

    /** The rule as saved, at this priority and enabled or not: what moving it or switching it saves. */
    static RuleDraft saved(RuleView rule, int priority, boolean enabled) {
        return new RuleDraft(rule.name(), priority, enabled, rule.dn(), rule.agentId(), rule.direction(),
                rule.ani(), rule.dnis(), rule.userDataKey(), rule.userDataValue(), rule.days(), rule.hoursFrom(),
                rule.hoursTo(), rule.timeZone(), rule.samplingPercent(), rule.record(), rule.parties(),
                rule.retentionDays(), rule.fileNameTemplate());
    }

    private static Integer number(String field, String value, List<String> problems, Set<String> unreadable) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            unreadable.add(field);
            problems.add(field + " must be a whole number, not '" + text + "'");
            return null;
        }
    }

    private static List<String> days(String value) {
        String text = text(value);
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).filter(d -> !d.isEmpty()).toList();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPriority() { return priority; }
    public void setPriority(String priority) { this.priority = priority; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getDn() { return dn; }
    public void setDn(String dn) { this.dn = dn; }
    public String getAgentId() { return agentId; }
    public void setAgentId(String agentId) { this.agentId = agentId; }
    public String getDirection() { return direction; }
    public void setDirection(String direction) { this.direction = direction; }
    public String getAni() { return ani; }
    public void setAni(String ani) { this.ani = ani; }
    public String getDnis() { return dnis; }
    public void setDnis(String dnis) { this.dnis = dnis; }
    public String getUserDataKey() { return userDataKey; }
    public void setUserDataKey(String userDataKey) { this.userDataKey = userDataKey; }
    public String getUserDataValue() { return userDataValue; }
    public void setUserDataValue(String userDataValue) { this.userDataValue = userDataValue; }
    public String getDays() { return days; }
    public void setDays(String days) { this.days = days; }
    public String getHoursFrom() { return hoursFrom; }
    public void setHoursFrom(String hoursFrom) { this.hoursFrom = hoursFrom; }
    public String getHoursTo() { return hoursTo; }
    public void setHoursTo(String hoursTo) { this.hoursTo = hoursTo; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public String getSamplingPercent() { return samplingPercent; }
    public void setSamplingPercent(String samplingPercent) { this.samplingPercent = samplingPercent; }
    public boolean isRecord() { return record; }
    public void setRecord(boolean record) { this.record = record; }
    public String getParties() { return parties; }
    public void setParties(String parties) { this.parties = parties; }
    public String getRetentionDays() { return retentionDays; }
    public void setRetentionDays(String retentionDays) { this.retentionDays = retentionDays; }
    public String getFileNameTemplate() { return fileNameTemplate; }
    public void setFileNameTemplate(String fileNameTemplate) { this.fileNameTemplate = fileNameTemplate; }
}
