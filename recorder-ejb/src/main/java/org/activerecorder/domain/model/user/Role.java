package org.activerecorder.domain.model.user;

/** What a user may do; the names are the role names the server checks. */
public enum Role {
    /** Everything, including rules, settings and users. */
    admin,
    /** Recordings and the live view. */
    supervisor,
    /** Read-only access and the audit log. */
    auditor,
    /** May pause, resume and stop recordings (agent desktops, call-control bridges); may not read them. */
    control,
    /** May subscribe to the recording event topic from outside the server. */
    events,
    /** May scrape the server's metrics ({@code GET /api/metrics}: figures only, no recording); admin may too. */
    metrics
}
