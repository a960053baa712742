package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.activerecorder.application.RecordingCatalog;
import org.activerecorder.application.RecordingView;
import org.activerecorder.domain.model.recording.RecordingSearch;
import org.activerecorder.domain.model.recording.RecordingState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Backs {@code dashboard.xhtml}'s recordings: those active now, and those of the last 24 hours that ended completed,
 * incomplete or failed (how many, and the newest few). The searches are the Recordings page's
 * ({@link RecordingCatalog#search}); the page reloads itself every 2 s (dashboard.js), so each figure is a fresh read.
 * For the roles that may see recordings (the catalog enforces it; anybody else is told, not shown an error page).
 */
@Named
@RequestScoped
public class DashboardPage {

    /** The active recordings shown; a busy recorder has more, which the Recordings page lists. */
    static final int ACTIVE_SHOWN = 50;
    /** The newest recordings shown for each outcome. */
    static final int RECENT_SHOWN = 5;
    /** Counted one by one up to this, then shown as "more than": the catalog has no count, and this bounds the read. */
    static final int COUNTED = 100;
    static final Duration RECENT = Duration.ofHours(24);

    @EJB
    private RecordingCatalog catalog;

    private final Instant now = Instant.now();
    private List<RecordingView> active;
    private List<Outcome> recent;

    /** Whether the caller may see recordings (administrators, supervisors and auditors). */
    public boolean isAllowed() {
        ExternalContext caller = FacesContext.getCurrentInstance().getExternalContext();
        return caller.isUserInRole("admin") || caller.isUserInRole("supervisor") || caller.isUserInRole("auditor");
    }

    /** When the page was read. */
    public Instant getNow() {
        return now;
    }

    /** The recordings active now, the newest first. */
    public List<RecordingView> getActive() {
        if (active == null) {
            active = catalog.search(inState(RecordingState.ACTIVE, null), 0, ACTIVE_SHOWN);
        }
        return active;
    }

    /** Completed, incomplete and failed in the last 24 hours. */
    public List<Outcome> getRecent() {
        if (recent == null) {
            Instant since = now.minus(RECENT);
            recent = List.of(outcome(RecordingState.COMPLETED, since), outcome(RecordingState.INCOMPLETE, since),
                    outcome(RecordingState.FAILED, since));
        }
        return recent;
    }

    private Outcome outcome(RecordingState state, Instant since) {
        List<RecordingView> found = catalog.search(inState(state, since), 0, COUNTED + 1);
        String count = found.size() > COUNTED ? "more than " + COUNTED : Integer.toString(found.size());
        return new Outcome(state.name(), count, found.subList(0, Math.min(RECENT_SHOWN, found.size())));
    }

    private static RecordingSearch inState(RecordingState state, Instant since) {
        return new RecordingSearch(null, null, null, since, null, null, null, null, null, state);
    }

    /**
     * The recordings of one outcome.
     *
     * @param state  the state they ended in
     * @param count  how many started in the last 24 hours ("more than 100" past the counted)
     * @param newest the newest few
     */
    public record Outcome(String state, String count, List<RecordingView> newest) {
    }
}
