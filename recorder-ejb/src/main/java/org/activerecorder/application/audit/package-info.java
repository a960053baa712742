/**
 * The audit log as the rest of the recorder sees it: {@link org.activerecorder.application.audit.AuditTrail} records
 * who did what (in the caller's transaction, so an entry exists exactly when its change does) and reads it back for
 * administrators and auditors.
 */
package org.activerecorder.application.audit;
