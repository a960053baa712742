package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.activerecorder.application.settings.SettingRefused;
import org.activerecorder.application.settings.SettingView;
import org.activerecorder.application.settings.SettingsCatalog;

import java.util.List;

/**
 * Backs {@code settings.xhtml}: every setting with its value in effect and where it comes from, for those who may
 * read them; administrators store a value per row or reset it. Every change goes through the same
 * {@link SettingsCatalog} as {@code /api/settings}, so it is checked by the setting's own rule and audited the same
 * way; a refused value stays in its field with the reason beside it, and nothing is stored.
 */
@Named
@RequestScoped
public class SettingsPage {

    /** The request parameter of a row's value field (one form per row, so one such field per post). */
    static final String VALUE_FIELD = "value";

    @EJB
    private SettingsCatalog settings;

    private List<SettingView> all;
    private String done;
    private String refusedName;
    private String refusedValue;
    private String refusal;

    public List<SettingView> getSettings() {
        if (all == null) {
            all = settings.all();
        }
        return all;
    }

    /** Whether the caller may change settings (the service checks again). */
    public boolean isEditor() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("admin");
    }

    /** Stores the value of the row's field for the setting. */
    public void change(String name) {
        String value = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap()
                .get(VALUE_FIELD);
        try {
            SettingView changed = settings.change(name, value);
            done = name + " is now " + changed.value() + ", from the next use on.";
        } catch (SettingRefused refused) {
            refusedName = name;
            refusedValue = value;
            refusal = refused.getMessage();
        }
        all = null; // the table was read while the request was decoded: read it again
    }

    /** Forgets the stored value: the server's configuration speaks again. */
    public void reset(String name) {
        try {
            SettingView reset = settings.reset(name);
            done = name + " is back to " + reset.value() + " (" + reset.source() + "), from the next use on.";
        } catch (SettingRefused refused) {
            refusedName = name;
            refusal = refused.getMessage();
        }
        all = null;
    }

    /** What the row's field shows: the value just refused (to be corrected), else the value in effect. */
    public String fieldValue(SettingView setting) {
        return setting.name().equals(refusedName) && refusedValue != null ? refusedValue : setting.value();
    }

    /** Why the value given for this setting was refused; "" when it was not. */
    public String problemOf(String name) {
        return name.equals(refusedName) ? refusal : "";
    }

    public String getDone() {
        return done;
    }
}
