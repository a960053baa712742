package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.DecisionPreview;
import org.activerecorder.application.rules.ListedRule;
import org.activerecorder.application.rules.PreviewedDecision;
import org.activerecorder.application.rules.RuleCatalog;
import org.activerecorder.application.rules.RuleView;
import org.activerecorder.application.rules.SampleCall;
import org.activerecorder.domain.model.rule.RuleDraft;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Backs {@code rules.xhtml}: the rules in the order they are tried; an administrator creates, edits, switches, deletes
 * and reorders them (moving a rule up or down sets the new order in one operation, refused when the rules changed since
 * they were shown), and the server's validation problems are shown at their fields; an administrator or a supervisor
 * asks the decider what it would decide for a sample call. Every change is based on the version the page showed (the
 * edit form remembers the one it was opened at): when the rule moved on since, nothing is saved and the page says who
 * changed it when. The application services are the API's ({@link RuleCatalog}, {@link DecisionPreview}), whose roles
 * stay the guard; the page only hides what a role may not do.
 */
@Named
@ViewScoped
public class RulesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private RuleCatalog catalog;

    @EJB
    private DecisionPreview preview;

    @Inject
    private ConsoleFormat format;

    /** The list as shown, kept for the view so a row's button acts on the row that was clicked. */
    private List<RuleView> rules;
    private RuleForm form = new RuleForm();
    private Long editing;
    /** The version of the rule the form was opened at: what its save is based on. */
    private Integer editingVersion;
    /** Whether the last save was refused because the rule moved on since the form was opened. */
    private boolean stale;
    private FieldProblems problems = new FieldProblems();
    private String notice;
    private SampleCallForm sample = new SampleCallForm();
    private FieldProblems sampleProblems = new FieldProblems();
    private PreviewedDecision decision;
    /** Why the last move was not made, shown above the list. */
    private String listProblem;

    public List<RuleView> getRules() {
        if (rules == null) {
            rules = catalog.current();
        }
        return rules;
    }

    public void save() {
        listProblem = null;
        List<String> found = new ArrayList<>();
        RuleDraft draft = form.draft(found);
        if (!found.isEmpty()) {
            problems = new FieldProblems(RuleForm.FIELDS, found);
            return;
        }
        try {
            RuleView saved = editing == null ? catalog.create(draft, user())
                    : catalog.update(editing, draft, editingVersion, user());
            notice = "Rule " + saved.id() + " \"" + saved.name() + "\" saved as version " + saved.version() + ".";
            cancel();
        } catch (ConfigurationRefused refused) {
            if (refused.reason() == ConfigurationRefused.Reason.STALE) {
                // the form keeps what was typed, so that the editor can compare it with the rule as it now is
                stale = true;
                problems = new FieldProblems(List.of(), List.of(changedSince("This rule", refused,
                        "since you opened it") + " Nothing was saved: reload it to see the change, then make yours"
                        + " again."));
                notice = null;
                rules = null;
            } else {
                refused(refused);
            }
        }
    }

    public void edit(RuleView rule) {
        notice = null;
        listProblem = null;
        form = RuleForm.of(rule);
        editing = rule.id();
        editingVersion = rule.version();
        stale = false;
        problems = new FieldProblems();
    }

    /** Opens the form again on the rule as it is now (what was typed is dropped), after a refused save. */
    public void reload() {
        if (editing == null) {
            return;
        }
        try {
            edit(catalog.find(editing));
        } catch (ConfigurationRefused gone) {
            cancel();
            listProblem = gone.getMessage();
        }
        rules = null;
    }

    public void cancel() {
        form = new RuleForm();
        editing = null;
        editingVersion = null;
        stale = false;
        problems = new FieldProblems();
        rules = null;
    }

    public void switchOver(RuleView rule) {
        listProblem = null;
        notice = null;
        try {
            catalog.update(rule.id(), RuleForm.saved(rule, rule.priority(), !rule.enabled()), rule.version(), user());
            notice = "Rule " + rule.id() + " \"" + rule.name() + "\" " + (rule.enabled() ? "disabled." : "enabled.");
        } catch (ConfigurationRefused refused) {
            listRefused(rule.enabled() ? "Not disabled" : "Not enabled", rule, refused);
        }
        rules = null;
    }

    /** Why a row's action was not taken, above the list, which is then shown as it is now. */
    private void listRefused(String what, RuleView rule, ConfigurationRefused refused) {
        notice = null;
        listProblem = refused.reason() == ConfigurationRefused.Reason.STALE
                ? what + ": " + changedSince("rule " + rule.id() + " \"" + rule.name() + "\"", refused,
                "since this page showed it") + " It is shown as it is now."
                : what + ": " + String.join("; ", refused.problems());
    }

    /** "This rule was changed by bob at 2026-12-01 09:30:05 since you opened it (it is now version 3)." */
    private String changedSince(String subject, ConfigurationRefused refused, String since) {
        ConfigurationRefused.Current current = refused.current();
        if (current == null) {
            return subject + " was changed " + since + ": " + String.join("; ", refused.problems()) + ".";
        }
        return subject + " was changed by " + (current.savedBy() == null ? "someone" : current.savedBy()) + " at "
                + format.time(current.savedAt()) + " " + since + " (it is now version " + current.version() + ").";
    }

    public void delete(RuleView rule) {
        listProblem = null;
        try {
            catalog.delete(rule.id(), rule.version(), user());
            notice = "Rule " + rule.id() + " \"" + rule.name() + "\" deleted; its versions stay readable.";
        } catch (ConfigurationRefused refused) {
            listRefused("Not deleted", rule, refused);
        }
        rules = null;
    }

    public void moveUp(RuleView rule) {
        move(rule, -1);
    }

    public void moveDown(RuleView rule) {
        move(rule, +1);
    }

    /**
     * Exchanges the rule's place with its neighbour's in the list as shown, in one operation: the catalogue sets the
     * whole order at once, or, when the rules changed since the page showed them, moves nothing; then the page says
     * so and shows them as they are now.
     */
    private void move(RuleView rule, int step) {
        List<RuleView> shown = getRules();
        int at = indexOf(shown, rule.id());
        int other = at + step;
        if (at < 0 || other < 0 || other >= shown.size()) {
            return;
        }
        List<ListedRule> order = new ArrayList<>(shown.stream().map(r -> new ListedRule(r.id(), r.version()))
                .toList());
        Collections.swap(order, at, other);
        rules = null;
        listProblem = null;
        try {
            catalog.reorder(order, user());
            notice = "Rule " + rule.id() + " \"" + rule.name() + "\" moved " + (step < 0 ? "up." : "down.");
        } catch (ConfigurationRefused refused) {
            notice = null;
            listProblem = (refused.reason() == ConfigurationRefused.Reason.STALE
                    ? "Not moved: the rules changed since this page showed them: " : "Not moved: ")
                    + String.join("; ", refused.problems()) + ". They are shown as they are now.";
        }
    }

    private static int indexOf(List<RuleView> rules, long id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** Asks the decider about the sample call; nothing is recorded or stored. */
    public void test() {
        List<String> found = new ArrayList<>();
        SampleCall call = sample.sample(found);
        decision = null;
        notice = null;
        if (!found.isEmpty()) {
            sampleProblems = new FieldProblems(SampleCallForm.FIELDS, found);
            return;
        }
        try {
            decision = preview.preview(call);
            sampleProblems = new FieldProblems();
        } catch (ConfigurationRefused refused) {
            sampleProblems = new FieldProblems(SampleCallForm.FIELDS, refused.problems());
        }
    }

    private void refused(ConfigurationRefused refused) {
        problems = new FieldProblems(RuleForm.FIELDS, refused.problems());
        notice = null;
    }

    private static String user() {
        return external().getUserPrincipal().getName();
    }

    private static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }

    /** What the rule matches, in one line: {@code dn 10*, inbound, campaign=win*, MON TUE 09:00-17:00 Europe/Paris}. */
    public String criteria(RuleView rule) {
        List<String> parts = new ArrayList<>();
        add(parts, "dn ", rule.dn());
        add(parts, "agent ", rule.agentId());
        add(parts, "", rule.direction());
        add(parts, "ANI ", rule.ani());
        add(parts, "DNIS ", rule.dnis());
        if (rule.userDataKey() != null) {
            parts.add(rule.userDataKey() + (rule.userDataValue() == null ? " present" : "=" + rule.userDataValue()));
        }
        String days = rule.days() == null || rule.days().isEmpty() ? "" : String.join(" ", rule.days());
        String hours = rule.hoursFrom() == null ? "" : rule.hoursFrom() + "-" + rule.hoursTo();
        if (!days.isEmpty() || !hours.isEmpty()) {
            parts.add((days + " " + hours).strip() + " " + rule.timeZone());
        }
        if (rule.samplingPercent() != null && rule.samplingPercent() != 100) {
            parts.add(rule.samplingPercent() + " % sampled");
        }
        return parts.isEmpty() ? "every call" : String.join(", ", parts);
    }

    private static void add(List<String> parts, String label, String value) {
        if (value != null) {
            parts.add(label + value);
        }
    }

    /** Whether the user may change rules (the API's role for it). */
    public boolean isEditor() {
        return external().isUserInRole("admin");
    }

    /** Whether the user may use the tester (the API's roles for it). */
    public boolean isTester() {
        return external().isUserInRole("admin") || external().isUserInRole("supervisor");
    }

    public RuleForm getForm() {
        return form;
    }

    public Long getEditing() {
        return editing;
    }

    public Integer getEditingVersion() {
        return editingVersion;
    }

    public boolean isStale() {
        return stale;
    }

    public FieldProblems getProblems() {
        return problems;
    }

    public String getNotice() {
        return notice;
    }

    public String getListProblem() {
        return listProblem;
    }

    public SampleCallForm getSample() {
        return sample;
    }

    public FieldProblems getSampleProblems() {
        return sampleProblems;
    }

    public PreviewedDecision getDecision() {
        return decision;
    }
}
