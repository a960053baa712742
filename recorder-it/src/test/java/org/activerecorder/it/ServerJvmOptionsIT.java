package org.activerecorder.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap and collector the README's server starts with, read from the server's own {@code bin/standalone.conf} as
 * {@code standalone.sh} reads it, for the JDK it will run: generational ZGC where the JDK has it (21 and later), G1 on
 * JDK 17 to 20, whose one-generation ZGC stalled every allocating thread, the receive loops among them, for up to
 * 2.45 s on busy cores, and the kernel then dropped a tenth of the audio (docs/performance.md, "Series AE"). The real
 * JDKs of this machine are started with the options chosen and asked which collector they run.
 */
class ServerJvmOptionsIT {

    private static final Path CONF = Path.of(System.getProperty("jboss.home", "target/server"), "bin",
            "standalone.conf");
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final String ZGC = "-Xms2g -Xmx2g -XX:+UseZGC";

    @TempDir
    Path scratch;

    @Test
    void theJdk17TheTestsRunOnGetsG1AndRunsIt() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Assumptions.assumeTrue(Runtime.version().feature() < 21, "these tests run on JDK 17, the build's");
        String options = javaOpts(Map.of("JAVA", java.toString()));
        assertTrue(options.startsWith("-Xms1g -Xmx1g -XX:+UseG1GC "), options);
        assertFalse(options.contains("ZGC"), options);
        String log = collectorLog(java, options);
        assertTrue(log.contains("Using G1"), log);
    }

    @Test
    void jdk25GetsItsZgcWhichIsGenerational() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK_25), "Temurin 25 is installed on the build machines");
        String options = javaOpts(Map.of("JAVA_HOME", JDK_25.getParent().getParent().toString()));
        assertTrue(options.startsWith(ZGC + " "), options);
        String log = collectorLog(JDK_25, options);
        // JDK 24 and later have only the generational ZGC; its start names the young generation's workers
        assertTrue(log.contains("Using The Z Garbage Collector") && log.contains("Young"), log);
    }

    @Test
    void eachJdkVersionGetsItsCollector() throws Exception {
        assertEquals("-Xms2g -Xmx2g -XX:+UseZGC -XX:+ZGenerational", sizing(fakeJava("openjdk version \"21.0.5\" 2024-10-15")));
        assertEquals("-Xms2g -Xmx2g -XX:+UseZGC -XX:+ZGenerational", sizing(fakeJava("openjdk version \"22\" 2024-03-19")));
        assertEquals(ZGC, sizing(fakeJava("openjdk version \"23.0.1\" 2024-10-15")));
        assertEquals(ZGC, sizing(fakeJava("java version \"25\" 2025-09-16 LTS")));
        assertEquals(ZGC, sizing(fakeJava("openjdk version \"100-ea\" 2074-09-16")));
        assertEquals("-Xms1g -Xmx1g -XX:+UseG1GC", sizing(fakeJava("openjdk version \"17.0.13\" 2024-10-15")));
        assertEquals("-Xms1g -Xmx1g -XX:+UseG1GC", sizing(fakeJava("openjdk version \"20.0.2\" 2023-07-18")));
        assertEquals("-Xms1g -Xmx1g -XX:+UseG1GC", sizing(fakeJava("java version \"1.8.0_392\"")));
        // a JAVA_TOOL_OPTIONS line comes first on stderr: the version is still the one read
        assertEquals(ZGC, sizing(fakeJava("Picked up JAVA_TOOL_OPTIONS: -Dx=1\nopenjdk version \"25.0.1\" 2025-10-21")));
    }

    @Test
    void whatTheOperatorSetsIsKept() throws Exception {
        Path java = fakeJava("openjdk version \"25\" 2025-09-16");
        String own = javaOpts(Map.of("JAVA", java.toString(), "RECORDER_JAVA_SIZING", "-Xms4g -Xmx4g -XX:+UseParallelGC"));
        assertTrue(own.startsWith("-Xms4g -Xmx4g -XX:+UseParallelGC -Djava.net.preferIPv4Stack=true"), own);
        String sized = javaOpts(Map.of("JAVA", java.toString(), "JBOSS_JAVA_SIZING", "-Xmx3g"));
        assertTrue(sized.startsWith("-Xmx3g -Djava.net.preferIPv4Stack=true"), sized);
        assertFalse(sized.contains("ZGC"), sized);
    }

    private String sizing(Path java) throws Exception {
        String options = javaOpts(Map.of("JAVA", java.toString()));
        int end = options.indexOf(" -Djava.net.preferIPv4Stack=true");
        assertTrue(end > 0, options);
        return options.substring(0, end);
    }

    /** A {@code java} that answers {@code -version} with {@code versionText} on stderr, as a JDK does. */
    private Path fakeJava(String versionText) throws IOException {
        Path home = Files.createTempDirectory(scratch, "jdk");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\ncat >&2 <<'EOF'\n" + versionText + "\nEOF\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** JAVA_OPTS as the server's standalone.conf leaves it, sourced by a shell whose environment has {@code env}. */
    private static String javaOpts(Map<String, String> env) throws Exception {
        ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-c", ". \"$0\"; printf '%s' \"$JAVA_OPTS\"",
                CONF.toAbsolutePath().toString());
        shell.environment().keySet().removeIf(name -> name.startsWith("JAVA") || name.startsWith("JBOSS")
                || name.startsWith("RECORDER"));
        shell.environment().putAll(env);
        return run(shell);
    }

    /** What {@code java} logs about its collector when started with {@code options}. */
    private static String collectorLog(Path java, String options) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(options.trim().split("\\s+")));
        command.addAll(List.of("-Xlog:gc+init=info,gc=info:stdout", "-version"));
        return run(new ProcessBuilder(command));
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ended");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        return text;
    }
}
