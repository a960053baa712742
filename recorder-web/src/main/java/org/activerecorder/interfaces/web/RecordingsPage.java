package org.activerecorder.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.activerecorder.application.RecordingCatalog;
import org.activerecorder.application.RecordingView;
import org.activerecorder.domain.model.recording.RecordingState;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Backs {@code recordings.xhtml}: the recordings a search finds, newest first, a page at a time. The search is the
 * API's ({@link RecordingCatalog#search}); the form is a GET, so a search and each of its pages has its own address.
 */
@Named
@RequestScoped
public class RecordingsPage {

    /** Recordings per page. */
    static final int PAGE_SIZE = 25;

    @EJB
    private RecordingCatalog catalog;

    private RecordingFilter filter;
    private int page;
    private List<RecordingView> recordings;
    private boolean more;

    @PostConstruct
    void read() {
        Map<String, String> parameters = FacesContext.getCurrentInstance().getExternalContext()
                .getRequestParameterMap();
        filter = new RecordingFilter(parameters::get, ConsoleFormat.ZONE);
        page = page(parameters.get("page"));
    }

    private static int page(String value) {
        try {
            return value == null ? 0 : Math.max(0, Math.min(Integer.parseInt(value), 100_000));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public RecordingFilter getFilter() {
        return filter;
    }

    /** The page shown, 0 for the first. */
    public int getPage() {
        return page;
    }

    /** This page's recordings; none when the form has a problem (its sentences say what). */
    public List<RecordingView> getRecordings() {
        if (recordings == null) {
            if (!filter.problems().isEmpty()) {
                recordings = List.of();
            } else {
                // one more than a page: whether a next page exists, without counting them all
                List<RecordingView> found = catalog.search(filter.search(), page * PAGE_SIZE, PAGE_SIZE + 1);
                more = found.size() > PAGE_SIZE;
                recordings = more ? found.subList(0, PAGE_SIZE) : found;
            }
        }
        return recordings;
    }

    public boolean isMore() {
        getRecordings();
        return more;
    }

    /** The address of page {@code target} of the same search. */
    public String pageLink(int target) {
        String query = filter.query(target);
        return "recordings.xhtml" + (query.isEmpty() ? "" : "?" + query);
    }

    /** The states a recording can be in, for the form's choice. */
    public List<String> getStates() {
        return Arrays.stream(RecordingState.values()).map(Enum::name).toList();
    }
}
