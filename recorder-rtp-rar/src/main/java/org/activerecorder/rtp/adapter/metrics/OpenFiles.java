package org.activerecorder.rtp.adapter.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's file descriptors: how many are open and the most it may open ({@code ulimit -n}, the soft limit).
 *
 * <p>Read from {@code /proc/self} rather than from {@code com.sun.management.UnixOperatingSystemMXBean}: a
 * deployment sees that class only if the server exports {@code jdk.management} to it, and {@code /proc} is what that
 * bean reads on Linux anyway. Elsewhere both figures are unknown (-1). Read at start and at a scrape, never per
 * packet: counting {@code /proc/self/fd} lists every descriptor.
 */
public final class OpenFiles {

    /** Where Linux publishes them. */
    public static final Path PROC_SELF = Path.of("/proc/self");

    private static final String LIMIT_NAME = "Max open files";

    private final Path procSelf;

    /** @param procSelf {@link #PROC_SELF}, or a folder of test files shaped like it */
    public OpenFiles(Path procSelf) {
        this.procSelf = procSelf;
    }

    /** Descriptors open now; -1 if unknown. */
    public long open() {
        // java.io.File's listing holds one descriptor of its own while it reads (opendir), as the JDK's bean does;
        // Files.list holds two
        String[] descriptors = procSelf.resolve("fd").toFile().list();
        return descriptors == null ? -1 : descriptors.length - 1;
    }

    /** The soft limit on open descriptors ({@code ulimit -n}); -1 if unknown or unlimited. */
    public long max() {
        Path limits = procSelf.resolve("limits");
        if (!Files.isReadable(limits)) {
            return -1;
        }
        try {
            return softLimit(Files.readAllLines(limits));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The soft limit of the "Max open files" line of a {@code /proc/self/limits}-shaped table ({@code Limit}, then
     * {@code Soft Limit}, {@code Hard Limit} and {@code Units} columns); -1 if absent, unlimited or unreadable.
     */
    static long softLimit(List<String> limits) {
        for (String line : limits) {
            if (line.startsWith(LIMIT_NAME)) {
                String[] columns = line.substring(LIMIT_NAME.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(columns[0]);
                } catch (NumberFormatException e) {
                    return -1; // "unlimited"
                }
            }
        }
        return -1;
    }
}
