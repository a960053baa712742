package org.activerecorder.application.ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The removal itself, on the caller's thread ({@link FileRemoval#NOW}, and what the server's remover does on its own).
 * Not on {@link FileRemoval}: that is an enterprise bean's business interface, and WildFly warns at every deployment
 * of one with a static method (WFLYEJB0131).
 */
public final class FileRemovals {

    private FileRemovals() {
    }

    /**
     * Removes each file, then each of their folders that is empty now (once: trying a folder after each of its files
     * failed, and built an exception, for every recording of two streams).
     *
     * @return how many of the files could not be removed (they stay)
     */
    public static int removeNow(List<Path> files) {
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
