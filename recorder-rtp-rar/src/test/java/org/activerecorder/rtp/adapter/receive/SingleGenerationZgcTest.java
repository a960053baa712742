package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up warning about the one-generation ZGC, judged from the names a real JVM gives its collector beans. */
class SingleGenerationZgcTest {

    @Test
    void theOneGenerationZgcOfJdk17IsWarnedAboutWithTheJdkToRunOn() {
        Optional<String> warning = SingleGenerationZgc.warning(List.of("ZGC Cycles", "ZGC Pauses"), 17);
        assertTrue(warning.isPresent());
        assertTrue(warning.get().contains("JDK 21 or later"), warning.get());
    }

    @Test
    void onJdk21ItNamesTheOptionThatMakesItGenerational() {
        Optional<String> warning = SingleGenerationZgc.warning(List.of("ZGC Cycles", "ZGC Pauses"), 21);
        assertTrue(warning.orElseThrow().contains("-XX:+ZGenerational"), warning.get());
    }

    @Test
    void generationalZgcAndG1AreNotWarnedAbout() {
        assertEquals(Optional.empty(), SingleGenerationZgc.warning(
                List.of("ZGC Minor Cycles", "ZGC Minor Pauses", "ZGC Major Cycles", "ZGC Major Pauses"), 25));
        assertEquals(Optional.empty(), SingleGenerationZgc.warning(
                List.of("G1 Young Generation", "G1 Old Generation"), 17));
    }

    /**
     * The JDK that runs the tests, started with {@code -XX:+UseZGC} as the server is: its ZGC has one generation
     * before JDK 23 (21 and 22 need {@code -XX:+ZGenerational}, not given here), and the check must say so from its
     * beans' real names.
     */
    @Test
    void aRealJvmWithZgcIsJudgedByItsOwnBeans() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process probe = new ProcessBuilder(java, "-XX:+UseZGC", "-cp", System.getProperty("java.class.path"),
                SingleGenerationZgcProbe.class.getName()).redirectErrorStream(true).start();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe JVM ends");
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean singleGeneration = Runtime.version().feature() < 23;
        assertEquals(singleGeneration ? "warned" : "quiet", out.lines().reduce((a, b) -> b).orElse(""), out);
    }
}
