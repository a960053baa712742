package org.activerecorder.rtp.adapter.work;

import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An {@link Executor} that schedules each task on a JCA {@link WorkManager} as a {@link HintedWork}
 * ({@link WorkManager#scheduleWork}: returns as soon as the work is accepted).
 */
public final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;
    private final String name;
    private final boolean longRunning;

    private WorkManagerExecutor(WorkManager workManager, String name, boolean longRunning) {
        this.workManager = workManager;
        this.name = name;
        this.longRunning = longRunning;
    }

    /** For tasks that run until released (receive loops). */
    public static WorkManagerExecutor longRunning(WorkManager workManager, String name) {
        return new WorkManagerExecutor(workManager, name, true);
    }

    /** For short tasks (event deliveries). */
    public static WorkManagerExecutor shortRunning(WorkManager workManager, String name) {
        return new WorkManagerExecutor(workManager, name, false);
    }

    /** @throws RejectedExecutionException when the WorkManager refuses the work */
    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new HintedWork(task, name, longRunning));
        } catch (WorkException e) {
            throw new RejectedExecutionException("the WorkManager refused " + name + ": " + e.getMessage(), e);
        }
    }
}
