package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
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
 * edits and removes them, with the server's validation problems at their fields. The application service is the
 * API's ({@link DnDirectory}), whose roles stay the guard; the page only hides what a role may not do.
 */
@Named
@ViewScoped
public class DnsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final List<String> FIELDS = List.of("dn", "type", "alwaysRecorded", "description",
            "retentionDays");

    @EJB
    private DnDirectory directory;

    private List<DnView> dns;
    private String editing;
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
            DnView saved = editing == null ? directory.create(settings) : directory.update(new Dn(editing), settings);
            notice = "DN " + saved.dn() + " saved" + (saved.alwaysRecorded() ? ": always recorded." : ".");
            cancel();
        } catch (ConfigurationRefused refused) {
            problems = new FieldProblems(FIELDS, refused.problems());
            notice = null;
        }
    }

    public void edit(DnView view) {
        editing = view.dn();
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
            directory.delete(new Dn(view.dn()));
            notice = "DN " + view.dn() + " removed from the configuration.";
        } catch (ConfigurationRefused refused) {
            problems = new FieldProblems(FIELDS, refused.problems());
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getEditing() { return editing; }
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
