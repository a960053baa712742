package org.activerecorder.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A recorder server this test starts and kills itself, beside the one Arquillian manages: its own copy of
 * the provisioned server with the EAR in deployments/, on shifted ports, so that it can be killed like a
 * crashed machine ({@code SIGKILL}, no shutdown hooks) and started again on the same data.
 *
 * <p>On H2 its data is its own folder's. On PostgreSQL (the build's second run, recorder-it/pom.xml) the database
 * the Arquillian server uses cannot be shared, so the build gives this server another one, empty at the start of
 * the build: system property {@value #DATABASE_URL}, passed to the server as {@code RECORDER_DB_URL} (user and
 * password are the Arquillian server's, inherited from the environment).
 */
public final class StandaloneServer implements AutoCloseable {

    /** The database of a server of this kind when the tests run on PostgreSQL; unset on H2. */
    public static final String DATABASE_URL = "it.standalone.db.url";

    /** What a server accumulates while it runs: a copy starts without it. */
    private static final Set<String> NOT_COPIED = Set.of("data", "log", "tmp", "deployments");

    private final Path home;
    private final int portOffset;
    private final List<String> properties;
    private Process process;

    /**
     * @param template   a provisioned server (its data, logs and deployments are not copied)
     * @param home       where the copy goes (replaced if it exists)
     * @param portOffset added to every WildFly port; SIP and RTP ports are given in {@code properties}
     */
    public StandaloneServer(Path template, Path home, Path ear, int portOffset, List<String> properties)
            throws IOException {
        this.home = home.toAbsolutePath();
        this.portOffset = portOffset;
        this.properties = List.copyOf(properties);
        deleteRecursively(this.home);
        copy(template.toAbsolutePath(), this.home);
        Path deployments = Files.createDirectories(this.home.resolve("standalone/deployments"));
        Files.copy(ear, deployments.resolve("recorder.ear"), StandardCopyOption.REPLACE_EXISTING);
    }

    public Path home() {
        return home;
    }

    public int httpPort() {
        return 8080 + portOffset;
    }

    /** Starts the server and waits until the recorder answers its API. */
    public void start(Duration timeout) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/standalone.sh").toString());
        command.add("-Djboss.socket.binding.port-offset=" + portOffset);
        command.addAll(properties);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        String database = System.getProperty(DATABASE_URL);
        if (database != null && !database.isBlank()) {
            builder.environment().put("RECORDER_DB_URL", database);
        }
        process = builder.start();
        RecorderServer api = new RecorderServer(home, httpPort(), 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited while starting; see " + home.resolve("console.log"));
            }
            try {
                if (Files.exists(home.resolve("standalone/data/recorder/initial-admin-password"))
                        && api.getAsAdmin("/api/recordings?limit=1").statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | HttpTimeoutException notYet) {
                // still starting
            } catch (IOException notYet) {
                // the connection was reset while the server starts its listeners
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the recorder did not answer within " + timeout + "; see " + home.resolve("console.log"));
    }

    /** Kills the server's JVM with SIGKILL, as a power cut or the OOM killer would: nothing runs after it. */
    public void crash() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>();
        process.toHandle().descendants().forEach(tree::add);
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : tree) {
            handle.onExit().join();
        }
        process.waitFor();
    }

    /** Stops the server (SIGTERM to the JVM: WildFly shuts down gracefully) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        process.toHandle().descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            }
        }
        process.destroy();
        process.waitFor();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.filter(path -> from.relativize(path).toString().isEmpty() || notExcluded(from.relativize(path)))
                    .forEach(path -> {
                        Path target = to.resolve(from.relativize(path).toString());
                        try {
                            if (Files.isDirectory(path)) {
                                Files.createDirectories(target);
                            } else {
                                Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }

    private static boolean notExcluded(Path relative) {
        return !(relative.getNameCount() >= 2 && relative.getName(0).toString().equals("standalone")
                && NOT_COPIED.contains(relative.getName(1).toString()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
