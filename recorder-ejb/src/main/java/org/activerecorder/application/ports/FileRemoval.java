package org.activerecorder.application.ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
    FileRemoval NOW = files -> removeNow(files);

    /** Removes {@code files} and, once empty, their folders; soon, not necessarily before this returns. */
    void remove(List<Path> files);

    /**
     * Removes each file, then each of their folders that is empty now (once: trying a folder after each of its files
     * failed, and built an exception, for every recording of two streams).
     *
     * @return how many of the files could not be removed (they stay)
     */
    static int removeNow(List<Path> files) {
        int left = 0;
        Set<Path> folders = new LinkedHashSet<>();
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                left++;
                continue;
            }
            if (file.getParent() != null) {
                folders.add(file.getParent());
            }
        }
        for (Path folder : folders) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException notEmpty) {
                // a file that could not be removed is still there, or someone put a file beside them
            }
        }
        return left;
    }
}
