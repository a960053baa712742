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

    @Test
    void agreesWithTheJdksOwnFiguresAndCountsEverySocketOpened() throws IOException {
        OpenFiles files = new OpenFiles(OpenFiles.PROC_SELF);
        assumeTrue(files.max() > 0, "Linux only");
        UnixOperatingSystemMXBean jdk = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        assertEquals(jdk.getMaxFileDescriptorCount(), files.max());

        long before = files.open();
        assertEquals(jdk.getOpenFileDescriptorCount(), before);
        List<DatagramChannel> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                sockets.add(DatagramChannel.open());
            }
            assertEquals(before + 10, files.open());
        } finally {
            for (DatagramChannel socket : sockets) {
                socket.close();
            }
        }
        assertEquals(before, files.open());
        assertEquals(true, Files.isDirectory(OpenFiles.PROC_SELF.resolve("fd")));
    }
}
