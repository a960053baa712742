package org.activerecorder.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.activerecorder.application.audit.AuditEntryView;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.AuditSearch;

import java.util.List;
import java.util.Map;

/**
 * Backs {@code audit.xhtml}: the audit log, newest first, filtered as {@code GET /api/audit} filters it, a page at a
 * time. For administrators and auditors ({@link AuditTrail#search} enforces it; anybody else is told, not shown an
 * error page). The log's search has no offset: a page is read as the newest entries up to its end, so paging reaches
 * back {@value AuditSearch#MAX_LIMIT} entries (a narrower filter reaches further).
 */
@Named
@RequestScoped
public class AuditPage {

    /** Entries per page. */
    static final int PAGE_SIZE = 25;

    @EJB
    private AuditTrail audit;

    private AuditFilter filter;
    private int page;
    private boolean allowed;
    private List<AuditEntryView> entries;
    private boolean more;

    @PostConstruct
    void read() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Map<String, String> parameters = external.getRequestParameterMap();
        filter = new AuditFilter(parameters::get, ConsoleFormat.ZONE);
        int last = AuditSearch.MAX_LIMIT / PAGE_SIZE - 1;
        try {
            page = Math.max(0, Math.min(Integer.parseInt(parameters.getOrDefault("page", "0")), last));
        } catch (NumberFormatException e) {
            page = 0;
        }
        allowed = external.isUserInRole("admin") || external.isUserInRole("auditor");
    }

    public AuditFilter getFilter() {
        return filter;
    }

    /** The page shown, 0 for the first. */
    public int getPage() {
        return page;
    }

    /** Whether the caller may read the audit log (administrators and auditors). */
    public boolean isAllowed() {
        return allowed;
    }

    /** This page's entries; none when the caller may not read them or the form has a problem. */
    public List<AuditEntryView> getEntries() {
        if (entries == null) {
            if (!allowed || !filter.problems().isEmpty()) {
                entries = List.of();
            } else {
                List<AuditEntryView> found = audit.search(new AuditSearch(filter.user(), filter.recording(),
                        filter.from(), filter.to(), readFor(page)));
                more = hasOlder(page, found.size());
                entries = pageOf(found, page);
            }
        }
        return entries;
    }

    public boolean isMore() {
        getEntries();
        return more;
    }

    /** How many of the newest entries to read for page {@code page}: up to its end, and one more if there may be. */
    static int readFor(int page) {
        return Math.min((page + 1) * PAGE_SIZE + 1, AuditSearch.MAX_LIMIT);
    }

    /** Whether a page older than {@code page} exists, given how many entries {@link #readFor} found. */
    static boolean hasOlder(int page, int found) {
        int end = (page + 1) * PAGE_SIZE;
        return found > end && end < AuditSearch.MAX_LIMIT;
    }

    /** Page {@code page} of the newest entries read. */
    static <T> List<T> pageOf(List<T> found, int page) {
        return found.subList(Math.min(page * PAGE_SIZE, found.size()), Math.min((page + 1) * PAGE_SIZE, found.size()));
    }

    /** The address of page {@code target} of the same filter. */
    public String pageLink(int target) {
        String query = filter.query(target);
        return "audit.xhtml" + (query.isEmpty() ? "" : "?" + query);
    }
}
