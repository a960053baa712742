package org.activerecorder.application.settings;

import java.time.Instant;

/**
 * One setting as the API and the console show it: the value in effect and where it comes from ({@code console},
 * {@code system-property}, {@code environment}, {@code default}), its default, what it means and what it takes.
 * {@code storedValue}, {@code changedBy} and {@code changedAt} are the console's value, when one is stored;
 * {@code ignored} says why a value given somewhere cannot be used (the default is in effect instead).
 */
public record SettingView(String name, String value, String source, String defaultValue, String meaning,
                          String allowed, String storedValue, String changedBy, Instant changedAt, String ignored) {
}
