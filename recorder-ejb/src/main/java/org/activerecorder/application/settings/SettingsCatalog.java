package org.activerecorder.application.settings;

import jakarta.ejb.Local;

import java.util.List;

/**
 * The recorder's settings as the console and {@code /api/settings} manage them. Administrators, supervisors and
 * auditors read them; administrators store a value (checked by the setting's own rule, refused and not stored when it
 * cannot be used) and reset one (the stored value is forgotten, the server's configuration speaks again). Every change
 * and reset is on the audit log, from -> to, in its transaction; it counts from the next use of the setting.
 */
@Local
public interface SettingsCatalog {

    /** Every setting, in the order of {@link Setting}. */
    List<SettingView> all();

    SettingView find(String name) throws SettingRefused;

    /** Stores {@code value} for the setting; returns the setting as it now is. */
    SettingView change(String name, String value) throws SettingRefused;

    /** Forgets the stored value, if any; returns the setting as it now is. */
    SettingView reset(String name) throws SettingRefused;
}
