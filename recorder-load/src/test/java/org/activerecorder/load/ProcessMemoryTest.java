package org.activerecorder.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The load tool's memory readings, taken of this test's own JVM. */
class ProcessMemoryTest {

    @Test
    void proportionalMemoryIsReadAndNoMoreThanResidentWhenTheKernelHasIt() throws Exception {
        long pid = ProcessHandle.current().pid();
        assumeTrue(Files.isReadable(Path.of("/proc", Long.toString(pid), "smaps_rollup")), "a kernel without smaps_rollup");
        ServerProcess self = new ServerProcess(pid);
        double pss = self.pssMiB();
        double rss = self.rssMiB();
        assertFalse(Double.isNaN(pss), "no Pss line read");
        // a JVM holds some tens of MiB; its private pages count whole in both, shared ones less in PSS
        assertTrue(pss > 10 && pss <= rss * 1.05, "PSS " + pss + " MiB against RSS " + rss + " MiB");
    }

    @Test
    void aProcessThatIsGoneReadsAsNotMeasured() {
        ServerProcess gone = new ServerProcess(Long.MAX_VALUE);
        assertTrue(Double.isNaN(gone.pssMiB()));
    }
}
