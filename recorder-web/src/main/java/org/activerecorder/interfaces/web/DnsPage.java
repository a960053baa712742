package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.DnDirectory;
import org.activerecorder.application.rules.DnView;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.dn.DnSettings;
import org.activerecorder.domain.model.dn.DnType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Backs {@code dns.xhtml}: the configured DNs (always recorded or not, type, retention); an administrator creates,
 * edits and removes them, with the server's validation problems at their fields. Every change is based on the version
 * the page showed (the form remembers the one it was opened at): when the DN moved on since, nothing is saved and the
 * page says who changed it when. The application service is the API's ({@link DnDirectory}), whose roles stay the
 * guard; the page only hides what a role may not do.
 */
@Named
@ViewScoped
public class DnsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final List<String> FIELDS = List.of("dn", "type", "alwaysRecorded", "description",
            "retentionDays");

    @EJB
    private DnDirectory directory;

    @Inject
    private ConsoleFormat format;

    private List<DnView> dns;
    private String editing;
    /** The version of the DN the form was opened at: what its save is based on. */
    private Long editingVersion;
    /** Whether the last save was refused because the DN moved on since the form was opened. */
    private boolean stale;
    private String dn;
    private String type = "extension";
    private boolean alwaysRecorded = true;
    private String description;
    private String retentionDays;
    private FieldProblems problems = new FieldProblems();
    private String notice;

    public List<DnView> getDns() {
        if (dns == null) {
            dns = directory.all();
        }
        return dns;
    }

    public void save() {
        List<String> found = new ArrayList<>();
        Integer retention = null;
        if (retentionDays != null && !retentionDays.isBlank()) {
            try {
                retention = Integer.valueOf(retentionDays.strip());
            } catch (NumberFormatException e) {
                found.add("retentionDays must be a whole number, not '" + retentionDays.strip() + "'");
            }
        }
        String value = editing != null ? editing : blankToNull(dn);
        DnSettings settings = new DnSettings(value, blankToNull(type), alwaysRecorded, blankToNull(description),
                retention);
        found.addAll(settings.problems());
        if (!found.isEmpty()) {
            problems = new FieldProblems(FIELDS, found);
            notice = null;
            return;
        }
        try {
            DnView saved = editing == null ? directory.create(settings, user())
                    : directory.update(new Dn(editing), settings, editingVersion, user());
            notice = "DN " + saved.dn() + " saved" + (saved.alwaysRecorded() ? ": always recorded." : ".");
            cancel();
        } catch (ConfigurationRefused refused) {
            if (refused.reason() == ConfigurationRefused.Reason.STALE) {
                // the form keeps what was typed, so that the editor can compare it with the DN as it now is
                stale = true;
                problems = new FieldProblems(List.of(), List.of(changedSince("This DN", refused, "since you opened it")
                        + " Nothing was saved: reload it to see the change, then make yours again."));
                dns = null;
            } else {
                problems = new FieldProblems(FIELDS, refused.problems());
            }
            notice = null;
        }
    }

    /** Opens the form again on the DN as it is now (what was typed is dropped), after a refused save. */
    public void reload() {
        if (editing == null) {
            return;
        }
        String dnShown = editing;
        directory.find(new Dn(dnShown)).ifPresentOrElse(this::edit, () -> {
            cancel();
            notice = "DN " + dnShown + " is no longer configured: someone removed it since you opened it.";
        });
        dns = null;
    }

    /** "This DN was changed by bob at 2026-12-01 09:30:05 since you opened it (it is now version 3)." */
    private String changedSince(String subject, ConfigurationRefused refused, String since) {
        ConfigurationRefused.Current current = refused.current();
        if (current == null) {
            return subject + " was changed " + since + ": " + String.join("; ", refused.problems()) + ".";
        }
        return subject + " was changed by " + (current.savedBy() == null ? "someone" : current.savedBy()) + " at "
                + format.time(current.savedAt()) + " " + since + " (it is now version " + current.version() + ").";
    }

    public void edit(DnView view) {
        editing = view.dn();
        editingVersion = view.version();
        stale = false;
        dn = view.dn();
        type = view.type();
        alwaysRecorded = view.alwaysRecorded();
        description = view.description();
        retentionDays = view.retentionDays() == null ? null : view.retentionDays().toString();
        problems = new FieldProblems();
        notice = null;
    }

    public void cancel() {
        editing = null;
        editingVersion = null;
        stale = false;
        dn = null;
        type = "extension";
        alwaysRecorded = true;
        description = null;
        retentionDays = null;
        problems = new FieldProblems();
        dns = null;
    }

    public void delete(DnView view) {
        try {
            directory.delete(new Dn(view.dn()), view.version());
            notice = "DN " + view.dn() + " removed from the configuration.";
        } catch (ConfigurationRefused refused) {
            notice = null;
            problems = new FieldProblems(List.of(), List.of(refused.reason() == ConfigurationRefused.Reason.STALE
                    ? "Not removed: " + changedSince("DN " + view.dn(), refused, "since this page showed it")
                    + " It is shown as it is now." : "Not removed: " + String.join("; ", refused.problems())));
        }
        dns = null;
    }

    /** Whether the user may change the DN configuration (the API's role for it). */
    public boolean isEditor() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("admin");
    }

    /** The DN types, for the form's choice. */
    public List<String> getTypes() {
        return Arrays.stream(DnType.values()).map(DnType::jsonName).toList();
    }

    private static String user() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getEditing() { return editing; }
    public Long getEditingVersion() { return editingVersion; }
    public boolean isStale() { return stale; }
    public String getDn() { return dn; }
    public void setDn(String dn) { this.dn = dn; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public boolean isAlwaysRecorded() { return alwaysRecorded; }
    public void setAlwaysRecorded(boolean alwaysRecorded) { this.alwaysRecorded = alwaysRecorded; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getRetentionDays() { return retentionDays; }
    public void setRetentionDays(String retentionDays) { this.retentionDays = retentionDays; }
    public FieldProblems getProblems() { return problems; }
    public String getNotice() { return notice; }
}
