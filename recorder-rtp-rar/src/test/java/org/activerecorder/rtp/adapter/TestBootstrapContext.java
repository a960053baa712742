package org.activerecorder.rtp.adapter;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.List;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A container's bootstrap context reduced to what the adapter uses: a WorkManager running each scheduled work on
 * a pool of threads named {@code test-wm-N}, remembering the works and how many are still running.
 */
final class TestBootstrapContext implements BootstrapContext {

    final List<Work> scheduled = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(
            task -> new Thread(task, "test-wm-" + threadCount.incrementAndGet()));

    private final WorkManager workManager = new WorkManager() {
        @Override
        public void scheduleWork(Work work) {
            scheduled.add(work);
            running.incrementAndGet();
            threads.execute(() -> {
                try {
                    work.run();
                } finally {
                    running.decrementAndGet();
                }
            });
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            scheduleWork(work);
        }

        @Override
        public void doWork(Work work) {
            throw new UnsupportedOperationException("the adapter only schedules work");
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            throw new UnsupportedOperationException("the adapter only schedules work");
        }

        @Override
        public long startWork(Work work) {
            throw new UnsupportedOperationException("the adapter only schedules work");
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            throw new UnsupportedOperationException("the adapter only schedules work");
        }
    };

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return new Timer(true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return HintsContext.class.equals(workContextClass);
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }

    /** Ends the pool; true if every work had ended. */
    boolean shutdown() throws InterruptedException {
        threads.shutdown();
        return threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
