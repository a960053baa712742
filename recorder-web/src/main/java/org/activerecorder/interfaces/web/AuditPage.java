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
import org.activerecorder.domain.model.audit.ChainBreak;
import org.activerecorder.domain.model.audit.ChainVerification;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Backs {@code audit.xhtml}: the audit log, newest first, filtered as {@code GET /api/audit} filters it, a page at a
 * time. For administrators and auditors ({@link AuditTrail#search} enforces it; anybody else is told, not shown an
 * error page). Pages are read by cursor as the API reads them: "Older" names the last entry shown, so every entry
 * is reachable and a page does not shift while new entries arrive; "Newest" starts again from the top. "Verify the
 * chain" ({@code ?verify=chain}) walks the log's hash chain as {@code GET /api/audit/verify} does and says what it found.
 */
@Named
@RequestScoped
public class AuditPage {

    /** Entries per page. */
    static final int PAGE_SIZE = 25;
    /** The query parameter (and its value) of the "Verify the chain" button. */
    static final String VERIFY = "verify";

    @EJB
    private AuditTrail audit;

    @Inject
    private ConsoleFormat format;

    private AuditFilter filter;
    private boolean allowed;
    private AuditEntries page;
    private String refusal;
    private ChainVerification verification;

    @PostConstruct
    void read() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Map<String, String> parameters = external.getRequestParameterMap();
        filter = new AuditFilter(parameters::get, ConsoleFormat.ZONE);
        allowed = external.isUserInRole("admin") || external.isUserInRole("auditor");
        if (allowed && "chain".equals(parameters.get(VERIFY))) {
            verification = audit.verifyChain();
        }
    }

    /** Whether the chain was verified for this request (the button was pressed). */
    public boolean isVerified() {
        return verification != null;
    }

    /** Whether the verified chain holds; meaningful when {@link #isVerified()}. */
    public boolean isChainIntact() {
        return verification != null && verification.intact();
    }

    /** What verifying the chain found, in a sentence; "" when it was not asked for. */
    public String getChainResult() {
        return verification == null ? "" : chainResult(verification);
    }

    /**
     * {@code The chain holds: 1234 entries verified, from the genesis to the head (position 1234, hash 3f2a...).}, or
     * {@code The chain is broken at position 123 (entry 4567): ...}, naming the entries from before the chain.
     */
    static String chainResult(ChainVerification verification) {
        ChainVerification.Head head = verification.head();
        String before = head.unchained() == 0 ? "" : " " + head.unchained() + (head.unchained() == 1
                ? " entry from before the chain is" : " entries from before the chain are") + " counted, not hashed.";
        ChainBreak broken = verification.firstBroken();
        if (broken == null) {
            return "The chain holds: " + verification.verified() + (verification.verified() == 1 ? " entry" : " entries")
                    + " verified, from the genesis to the head (position " + head.position() + ", hash " + head.hash()
                    + ")." + before;
        }
        String where = broken.position() == null ? "" : " at position " + broken.position()
                + (broken.id() == null ? "" : " (entry " + broken.id() + ")");
        String hashes = broken.expected() == null ? "" : " Expected hash " + broken.expected() + ", found "
                + (broken.found() == null ? "none" : broken.found()) + ".";
        return "The chain is broken" + where + ": " + broken.problem() + ". " + verification.verified()
                + " entries before it verified; the head is at position " + head.position() + "." + hashes + before;
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
