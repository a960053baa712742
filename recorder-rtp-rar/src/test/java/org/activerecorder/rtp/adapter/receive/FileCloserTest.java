package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileCloserTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final FileCloser closer = new FileCloser("test-file-closer");
    private final List<String> done = new CopyOnWriteArrayList<>();

    @AfterEach
    void endThreads() throws InterruptedException {
        closer.stop();
        threads.shutdown();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void finishesTheJobsInTheOrderTheyCameOnItsOwnThreadAndGoesOnAfterOneFails() throws Exception {
        List<String> threadNames = new CopyOnWriteArrayList<>();
        threads.execute(closer);
        assertTrue(closer.submit(() -> done.add("a")));
        assertTrue(closer.submit(() -> {
            throw new IllegalStateException("test: a bug while finishing a file");
        }));
        assertTrue(closer.submit(() -> {
            threadNames.add(Thread.currentThread().getName());
            done.add("b");
        }));
        closer.stop();

        assertTrue(closer.awaitEnd(5, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b"), done);
        assertEquals(List.of("test-file-closer"), threadNames);
    }

    @Test
    void whenAskedToStopItFinishesEveryJobItAdmittedAndRefusesTheNextToItsCaller() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        threads.execute(closer);
        closer.submit(() -> {
            await(disk);
            done.add("slow");
        });
        closer.submit(() -> done.add("queued"));
        closer.stop();
        disk.countDown();

        assertTrue(closer.awaitEnd(5, TimeUnit.SECONDS));
        assertEquals(List.of("slow", "queued"), done);
        assertFalse(closer.submit(() -> done.add("late")), "the caller runs it itself");
    }

    @Test
    void jobsSubmittedBeforeItRunsWaitForIt() throws Exception {
        closer.submit(() -> done.add("early"));
        closer.stop();
        threads.execute(closer); // a WorkManager slow to start the work

        assertTrue(closer.awaitEnd(5, TimeUnit.SECONDS));
        assertEquals(List.of("early"), done);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
