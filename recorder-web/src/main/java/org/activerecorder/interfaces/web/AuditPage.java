package org.activerecorder.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.activerecorder.application.audit.AuditEntries;
import org.activerecorder.application.audit.AuditEntryView;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Backs {@code audit.xhtml}: the audit log, newest first, filtered as {@code GET /api/audit} filters it, a page at a
 * time. For administrators and auditors ({@link AuditTrail#search} enforces it; anybody else is told, not shown an
 * error page). Pages are read by cursor as the API reads them: "Older" names the last entry shown, so every entry
 * is reachable and a page does not shift while new entries arrive; "Newest" starts again from the top.
 */
@Named
@RequestScoped
public class AuditPage {

    /** Entries per page. */
    static final int PAGE_SIZE = 25;

    @EJB
    private AuditTrail audit;

    @Inject
    private ConsoleFormat format;

    private AuditFilter filter;
    private boolean allowed;
    private AuditEntries page;
    private String refusal;

    @PostConstruct
    void read() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Map<String, String> parameters = external.getRequestParameterMap();
        filter = new AuditFilter(parameters::get, ConsoleFormat.ZONE);
        allowed = external.isUserInRole("admin") || external.isUserInRole("auditor");
    }

    public AuditFilter getFilter() {
        return filter;
    }

    /** Whether the caller may read the audit log (administrators and auditors). */
    public boolean isAllowed() {
        return allowed;
    }

    /** This page's entries; none when the caller may not read them or the form or the address has a problem. */
    public List<AuditEntryView> getEntries() {
        return page().entries();
    }

    /** Why the page asked for cannot be shown although the filter is fine (its cursor is no entry), or null. */
    public String getRefusal() {
        page();
        return refusal;
    }

    /** Whether an older page exists. */
    public boolean isOlder() {
        return page().hasOlder();
    }

    /** Whether this is a page older than the newest (so that "Newest" leads somewhere else). */
    public boolean isOlderPage() {
        return filter.before() != null;
    }

    /** The address of the next older page of the same filter; meaningful when {@link #isOlder()}. */
    public String getOlderLink() {
        return link(filter.query(page().olderBefore()));
    }

    /** The address of the newest page of the same filter. */
    public String getNewestLink() {
        return link(filter.query(null));
    }

    /** Which entries the page shows, in a sentence; "" when it shows none. */
    public String getRange() {
        return range(filter.before(), page(), format::time);
    }

    /**
     * {@code The newest 25 entries, 2026-12-01 09:30:00 back to 2026-12-01 09:10:02.}, or {@code 25 entries older
     * than entry 1234, ...}, ending {@code (the oldest that match)} on the last page.
     */
    static String range(Long before, AuditEntries page, Function<Instant, String> time) {
        List<AuditEntryView> entries = page.entries();
        if (entries.isEmpty()) {
            return "";
        }
        String count = entries.size() == 1 ? "1 entry" : entries.size() + " entries";
        String which = before == null ? "The newest " + count : count + " older than entry " + before;
        return which + ", " + time.apply(entries.get(0).at()) + " back to "
                + time.apply(entries.get(entries.size() - 1).at()) + (page.hasOlder() ? "." : " (the oldest that match).");
    }

    private AuditEntries page() {
        if (page == null) {
            page = new AuditEntries(List.of(), null);
            if (allowed && filter.problems().isEmpty()) {
                try {
                    page = audit.search(filter.search(PAGE_SIZE));
                } catch (UnknownAuditEntry unknown) {
                    refusal = "This page's address names no entry of the log (before=" + unknown.id()
                            + "): start again from the newest entries";
                }
            }
        }
        return page;
    }

    private static String link(String query) {
        return "audit.xhtml" + (query.isEmpty() ? "" : "?" + query);
    }
}
