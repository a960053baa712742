/**
 * The values administrators stored for the recorder's settings in the console: one row per setting that has one,
 * with who stored it and when. A setting without a row takes its value from the server's configuration.
 */
package org.activerecorder.domain.model.setting;
