package org.activerecorder.rtp.adapter.work;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkManagerExecutorTest {

    private final ScheduledWorks workManager = new ScheduledWorks();

    @Test
    void longRunningTasksCarryTheLongRunningHintAndTheirName() {
        WorkManagerExecutor.longRunning(workManager, "rtp-receive-loop").execute(() -> { });

        HintsContext hints = hints(workManager.scheduled.get(0));
        assertEquals(Boolean.TRUE, hints.getHints().get(HintsContext.LONGRUNNING_HINT));
        assertEquals("rtp-receive-loop", hints.getName());
        assertTrue(((HintedWork) workManager.scheduled.get(0)).isLongRunning());
    }

    @Test
    void shortTasksDoNot() {
        HintedWork work = new HintedWork(() -> { }, "short", false);

        assertFalse(hints(work).getHints().containsKey(HintsContext.LONGRUNNING_HINT));
        assertFalse(work.isLongRunning());
    }

    @Test
    void theWorkRunsTheTaskAndPassesReleaseOnToAWorkTask() {
        AtomicBoolean ran = new AtomicBoolean();
        AtomicBoolean released = new AtomicBoolean();
        WorkManagerExecutor.longRunning(workManager, "loop").execute(new Work() {
            @Override
            public void run() {
                ran.set(true);
            }

            @Override
            public void release() {
                released.set(true);
            }
        });

        Work work = workManager.scheduled.get(0);
        work.run();
        work.release();

        assertTrue(ran.get());
        assertTrue(released.get());
    }

    @Test
    void aRefusalBecomesRejectedExecution() {
        workManager.refuse = true;

        assertThrows(RejectedExecutionException.class,
                () -> WorkManagerExecutor.longRunning(workManager, "loop").execute(() -> { }));
    }

    private static HintsContext hints(Work work) {
        List<WorkContext> contexts = ((HintedWork) work).getWorkContexts();
        assertEquals(1, contexts.size());
        return assertInstanceOf(HintsContext.class, contexts.get(0));
    }

    /** A WorkManager that only records what was scheduled. */
    private static final class ScheduledWorks implements WorkManager {
        final List<Work> scheduled = new ArrayList<>();
        boolean refuse;

        @Override
        public void scheduleWork(Work work) throws WorkException {
            if (refuse) {
                throw new WorkRejectedException("test: refused");
            }
            scheduled.add(work);
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
                throws WorkException {
            scheduleWork(work);
        }

        @Override
        public void doWork(Work work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long startWork(Work work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
