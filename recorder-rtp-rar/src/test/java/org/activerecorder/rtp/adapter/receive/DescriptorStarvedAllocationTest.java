package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.FreePorts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * EMFILE for real: a child JVM whose open-files limit is 128 ({@code ulimit -n}) runs out of descriptors and asks
 * for a pair ({@link DescriptorStarvedAllocation}). Only the child starves; the test JVM keeps its limit.
 * Uses twenty port pairs of 127.0.0.1 free when the test starts ({@link FreePorts}).
 */
class DescriptorStarvedAllocationTest {

    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @Test
    void aProcessOutOfDescriptorsRefusesTheOpenForThatReasonAndRecoversWhenTheyAreBack() throws Exception {
        FreePorts.Range ports = FreePorts.pairs(20);
        int firstPort = ports.first();
        int lastPort = ports.last();
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash) && Files.isDirectory(Path.of("/proc/self/fd")), "needs bash and Linux");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder child = new ProcessBuilder(bash.toString(), "-c", "ulimit -n 128 && exec \"$0\" \"$@\"",
                java, "-Xshare:auto", "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"),
                DescriptorStarvedAllocation.class.getName(), Integer.toString(firstPort), Integer.toString(lastPort))
                .redirectErrorStream(true);
        Process process = child.start();
        String output;
        try {
            assertTrue(process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the child JVM did not end");
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().toList();

        assertTrue(lines.stream().anyMatch(l -> l.startsWith("filled ") && l.contains("Too many open files")),
                "the child really ran out of descriptors: " + output);
        String refused = lines.stream().filter(l -> l.startsWith("refused ")).findFirst()
                .orElseThrow(() -> new AssertionError("the open was not refused: " + output));
        assertTrue(refused.startsWith("refused DescriptorsExhausted: out of file descriptors"), refused);
        assertTrue(refused.contains("ulimit -n"), refused);
        assertTrue(lines.contains("then allocated " + firstPort),
                "the pair that met EMFILE is the next one tried, and binds once descriptors are back: " + output);
    }
}
