package org.activerecorder.application;

import jakarta.ejb.Local;
import org.activerecorder.domain.model.recording.RecordingSearch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finding recordings and their audio, for the API and the console. Callers must be logged in with
 * a role that may see recordings (admin, supervisor or auditor).
 */
@Local
public interface RecordingCatalog {

    /** The newest recordings first; {@code limit} is capped at {@link #MAX_PAGE}. */
    List<RecordingView> newest(int offset, int limit);

    /** The recordings the search finds, the newest first; {@code limit} is capped at {@link #MAX_PAGE}. */
    List<RecordingView> search(RecordingSearch search, int offset, int limit);

    Optional<RecordingView> find(long id);

    /**
     * The stereo file of an assembled recording (completed or incomplete); empty if there is no such recording or it
     * has no file (yet).
     */
    Optional<Path> audioFile(long id);

    int MAX_PAGE = 500;
}
