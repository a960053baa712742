/**
 * The audit log: who did what to which recording, rule, DN or user, when and from where. Entries are only ever
 * added; nothing in the recorder changes or deletes one.
 */
package org.activerecorder.domain.model.audit;
