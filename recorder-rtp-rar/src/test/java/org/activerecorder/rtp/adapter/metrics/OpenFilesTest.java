package org.activerecorder.rtp.adapter.metrics;

import com.sun.management.UnixOperatingSystemMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OpenFilesTest {

    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max open files            20000                524288               files
            Max locked memory         8388608              8388608              bytes
            """;

    @Test
    void readsTheSoftLimitOfOpenFiles() {
        assertEquals(20000, OpenFiles.softLimit(LIMITS.lines().toList()));
        assertEquals(-1, OpenFiles.softLimit(List.of("Max open files            unlimited  unlimited  files")));
        assertEquals(-1, OpenFiles.softLimit(List.of("Limit  Soft Limit  Hard Limit  Units")));
    }

    @Test
    void unknownWhereThereIsNoProc(@TempDir Path empty) {
        OpenFiles files = new OpenFiles(empty);

        assertEquals(-1, files.open());
        assertEquals(-1, files.max());
    }

    /**
     * Other threads of the test JVM (a previous class's loops winding down, surefire's own reporting) may open or
     * close a descriptor between two readings, so each check is made on a quiet moment: a reading is trusted only
     * when the JDK's figure is the same just before and just after it, and the whole check is tried a few times.
     * An off-by-one or a descriptor not counted fails every try.
     */
    @Test
    void agreesWithTheJdksOwnFiguresAndCountsEverySocketOpened() throws IOException {
        OpenFiles files = new OpenFiles(OpenFiles.PROC_SELF);
        assumeTrue(files.max() > 0, "Linux only");
        UnixOperatingSystemMXBean jdk = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        assertEquals(jdk.getMaxFileDescriptorCount(), files.max());

        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 5; attempt++) {
            String failure = countsTenSockets(files, jdk);
            if (failure == null) {
                assertTrue(Files.isDirectory(OpenFiles.PROC_SELF.resolve("fd")));
                return;
            }
            failures.add(failure);
        }
        fail("every attempt disagreed: " + failures);
    }

    /** @return null if the figures agreed, else what disagreed */
    private static String countsTenSockets(OpenFiles files, UnixOperatingSystemMXBean jdk) throws IOException {
        long jdkBefore = jdk.getOpenFileDescriptorCount();
        long before = files.open();
        if (jdk.getOpenFileDescriptorCount() != jdkBefore) {
            return "busy";
        }
        if (before != jdkBefore) {
            return "before: ours " + before + ", the JDK's " + jdkBefore;
        }
        List<DatagramChannel> sockets = new ArrayList<>();
        long opened;
        try {
            for (int i = 0; i < 10; i++) {
                sockets.add(DatagramChannel.open());
            }
            opened = files.open();
        } finally {
            for (DatagramChannel socket : sockets) {
                socket.close();
            }
        }
        long after = files.open();
        if (opened != before + 10 || after != before) {
            return "before " + before + ", with ten sockets " + opened + ", after closing them " + after;
        }
        return null;
    }
}
