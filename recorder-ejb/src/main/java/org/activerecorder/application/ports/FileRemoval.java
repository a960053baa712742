package org.activerecorder.application.ports;

import java.nio.file.Path;
import java.util.List;

/**
 * Removes files that are no longer needed (a finished recording's stream files, once the row that names its stereo
 * file has committed), and each one's folder once it is empty. The server's removes them on a thread of its own: on
 * a disk busy writing calls, unlinking a file whose pages are still being written back waits for that write, and
 * thread dumps at the end of 5-minute calls found the threads that finish recordings waiting in it. That this
 * shortens completion is not shown; one side-by-side pair measured it slower (docs/performance.md, "Series R"). A
 * file that cannot be removed stays; nothing is lost either way.
 */
public interface FileRemoval {

    /** Removes at once, on the caller's thread: for tests and tools. */
    FileRemoval NOW = FileRemovals::removeNow;

    /** Removes {@code files} and, once empty, their folders; soon, not necessarily before this returns. */
    void remove(List<Path> files);
}
