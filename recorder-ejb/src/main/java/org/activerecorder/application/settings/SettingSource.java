package org.activerecorder.application.settings;

/** Where a setting's value in effect comes from, first to last: the first place that has one wins. */
public enum SettingSource {
    /** Stored by an administrator in the console or over {@code PUT /api/settings/{name}}. */
    CONSOLE("console"),
    /** {@code -Dname=value}, or the server configuration's system property. */
    SYSTEM_PROPERTY("system-property"),
    /** The variable of the same name in upper case with {@code _} for {@code .} and {@code -}. */
    ENVIRONMENT("environment"),
    /** Nothing usable anywhere. */
    DEFAULT("default");

    private final String label;

    SettingSource(String label) {
        this.label = label;
    }

    /** As the API and the console show it. */
    public String label() {
        return label;
    }
}
