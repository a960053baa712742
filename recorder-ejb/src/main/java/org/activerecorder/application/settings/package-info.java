/**
 * The recorder's own settings ({@link org.activerecorder.application.settings.Setting}) as administrators manage
 * them in the console and the API ({@link org.activerecorder.application.settings.SettingsCatalog}): a stored value
 * wins over the system property, the environment and the default; every change is on the audit log.
 */
package org.activerecorder.application.settings;
