package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.FileRemovals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemovalQueueTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;

    @Test
    void filesAreDueWhenTheFinishesPauseOrOnceTheyHaveWaitedTheLongest() {
        long quiet = 2 * S;
        long maxHold = 30 * S;
        // queued at 100 s, the last finish at 110 s: due at 112 s, the burst's end and its quiet
        assertEquals(112 * S, RemovalQueue.dueNanos(100 * S, 110 * S, quiet, maxHold));
        // queued at 100 s, finishes still going at 129 s: due at 130 s, the longest wait
        assertEquals(130 * S, RemovalQueue.dueNanos(100 * S, 129 * S, quiet, maxHold));
        // the only recording finished: due after the quiet
        assertEquals(102 * S, RemovalQueue.dueNanos(100 * S, 100 * S, quiet, maxHold));
    }

    @Test
    void aBurstOfFinishesHoldsTheRemovalsUntilItIsOver() throws Exception {
        RemovalQueue queue = new RemovalQueue(1000, 60_000, FileRemovals::removeNow);
        Thread remover = start(queue);
        List<Path> files = new ArrayList<>();
        long burstStart = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            Path file = streamFile("r" + i);
            files.add(file);
            queue.add(List.of(file));
            Thread.sleep(50);
        }
        long burstEnd = System.nanoTime();
        boolean anyRemovedDuringTheBurst = files.stream().anyMatch(f -> !Files.exists(f));
        // a pause of the test thread longer than the quiet would make the queue's removals due; say so if it happened
        if (TimeUnit.NANOSECONDS.toMillis(burstEnd - burstStart) < 900) {
            assertFalse(anyRemovedDuringTheBurst, "no file removed while recordings kept finishing");
        }
        assertEquals(20, queue.waiting(), "all 20 files wait");
        awaitRemoved(files, 10);
        awaitCounted(queue, 5);
        assertEquals(0, queue.waiting());
        assertEquals(0, queue.notRemoved());
        queue.stop();
        remover.join(5000);
        assertFalse(remover.isAlive());
    }

    @Test
    void aRecordingsFilesWaitNoLongerThanTheLongestHoldWhileFinishesGoOn() throws Exception {
        RemovalQueue queue = new RemovalQueue(60_000, 300, FileRemovals::removeNow);
        Thread remover = start(queue);
        Path first = streamFile("first");
        queue.add(List.of(first));
        long deadline = System.nanoTime() + 5 * S;
        while (Files.exists(first) && System.nanoTime() < deadline) {
            queue.add(List.of(streamFile("more-" + System.nanoTime())));
            Thread.sleep(20);
        }
        assertFalse(Files.exists(first), "the first recording's file went after 300 ms, the finishes going on");
        queue.stop();
        remover.join(5000);
    }

    @Test
    void aStopRemovesWhatIsHeldAtOnce() throws Exception {
        RemovalQueue queue = new RemovalQueue(60_000, 60_000, FileRemovals::removeNow);
        Thread remover = start(queue);
        Path a = streamFile("a");
        Path b = streamFile("b");
        queue.add(List.of(a, b));
        Thread.sleep(100);
        assertTrue(Files.exists(a), "held: the quiet is a minute");
        queue.stop();
        remover.join(5000);
        assertFalse(remover.isAlive(), "the thread ends once the queue is empty");
        assertFalse(Files.exists(a));
        assertFalse(Files.exists(b));
        assertEquals(0, queue.waiting());
    }

    @Test
    void aFailedRemovalIsCountedAndTheNextRecordingsFilesStillGo() throws Exception {
        RemovalQueue queue = new RemovalQueue(0, 0, files -> {
            if (files.get(0).getFileName().toString().equals("bad")) {
                throw new IllegalStateException("disk gone");
            }
            return FileRemovals.removeNow(files);
        });
        Thread remover = start(queue);
        queue.add(List.of(dir.resolve("bad")));
        Path good = streamFile("good");
        queue.add(List.of(good));
        awaitRemoved(List.of(good), 5);
        awaitCounted(queue, 5);
        assertEquals(1, queue.notRemoved());
        assertEquals(0, queue.waiting());
        queue.stop();
        remover.join(5000);
    }

    private Path streamFile(String name) throws IOException {
        return Files.write(dir.resolve(name), new byte[4096]);
    }

    private static Thread start(RemovalQueue queue) {
        Thread thread = new Thread(queue, "test-remover");
        thread.start();
        return thread;
    }

    /**
     * The remover counts a recording's files out of {@link RemovalQueue#waiting} just after removing them, so a test
     * that saw the files go can be a moment ahead of the count.
     */
    private static void awaitCounted(RemovalQueue queue, int seconds) throws InterruptedException {
        awaitUntil(() -> queue.waiting() == 0, seconds);
    }

    private static void awaitRemoved(List<Path> files, int seconds) throws InterruptedException {
        awaitUntil(() -> files.stream().noneMatch(Files::exists), seconds);
        assertTrue(files.stream().noneMatch(Files::exists), () -> "removed within " + seconds + " s: " + files);
    }

    private static void awaitUntil(BooleanSupplier done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * S;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
