package org.activerecorder.rtp.adapter.work;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;

import java.util.List;

/**
 * A task wrapped as {@link Work}, carrying a {@link HintsContext} with its name and, for tasks that never end,
 * the {@link HintsContext#LONGRUNNING_HINT} (JCA 1.6 section 11.6; IronJacamar's WorkManager picks its
 * long-running thread pool for it when it has one, and WildFly's default WorkManager has one).
 *
 * <p>{@link #release()} passes the container's request to end on to the task if the task is itself a
 * {@link Work}. Neither method may be {@code synchronized}: IronJacamar refuses such Work classes.
 */
public final class HintedWork implements Work, WorkContextProvider {

    private final Runnable task;
    private final HintsContext hints = new HintsContext();

    public HintedWork(Runnable task, String name, boolean longRunning) {
        this.task = task;
        hints.setName(name);
        hints.setDescription("Active Recorder RTP adapter: " + name);
        if (longRunning) {
            hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        }
    }

    @Override
    public void run() {
        task.run();
    }

    @Override
    public void release() {
        if (task instanceof Work) {
            ((Work) task).release();
        }
    }

    @Override
    public List<WorkContext> getWorkContexts() {
        return List.of(hints);
    }

    /** Whether this work asks for a long-running thread. */
    public boolean isLongRunning() {
        return Boolean.TRUE.equals(hints.getHints().get(HintsContext.LONGRUNNING_HINT));
    }
}
