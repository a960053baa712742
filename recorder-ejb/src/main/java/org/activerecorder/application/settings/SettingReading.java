package org.activerecorder.application.settings;

/**
 * A setting's value in effect and where it comes from. {@code ignored} says why a value given somewhere could not be
 * used (the default is in effect instead); null when nothing was ignored.
 */
public record SettingReading(Setting setting, String value, SettingSource source, String ignored) {
}
