package org.activerecorder.application.audit;

import jakarta.ejb.Local;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.audit.ChainVerification;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;

/**
 * Records what people (and the recorder itself) did, and reads it back. The writing methods join the caller's
 * transaction when there is one, so a change and its entry commit or roll back together; the user is the caller the
 * server authenticated, the address the request's.
 */
@Local
public interface AuditTrail {

    /** The caller did {@code action} to {@code target} (null: nothing in particular, a login); {@code detail} may be null. */
    void record(AuditAction action, AuditTarget target, String detail);

    /** The caller changed {@code target}: {@code from} and {@code to} (either null) become {@code {"from":..,"to":..}}. */
    void changed(AuditAction action, AuditTarget target, Object from, Object to);

    /** The caller is being handed the recording's audio; the entry names the file's sha256 as recorded. */
    void audioDownloaded(long recordingId);

    /** The recorder itself ({@code system}) did it, whoever's thread this is. */
    void recordBySystem(AuditAction action, AuditTarget target, String detail);

    /**
     * The recorder itself ({@code system}) did it on behalf of a request from {@code address}, before anyone was
     * authenticated (a login refused for a while): the web tier names the address, as no request scope is active.
     */
    void recordBySystemFor(String address, AuditAction action, AuditTarget target, String detail);

    /**
     * A page of entries, newest first, and the cursor of the next older page if there is one; for the roles admin and
     * auditor.
     *
     * @throws UnknownAuditEntry when {@code search.before()} is no entry's id
     */
    AuditEntries search(AuditSearch search) throws UnknownAuditEntry;

    /**
     * Walks the hash chain from its genesis to its head and says how many entries hold and where it first fails, if
     * it does; for the roles admin and auditor. Reads the whole log a batch at a time: some seconds per 100,000 entries.
     */
    ChainVerification verifyChain();
}
