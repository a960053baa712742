package org.activerecorder.rtp.adapter.work;

import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An {@link Executor} that schedules each task on a JCA {@link WorkManager} as a {@link HintedWork}
 * ({@link WorkManager#scheduleWork}: returns as soon as the work is accepted). Only for the adapter's few tasks that
 * run until it stops: per-event or per-stream work would meet a full pool just when the recorder is busiest.
 */
public final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;
    private final String name;

    private WorkManagerExecutor(WorkManager workManager, String name) {
        this.workManager = workManager;
        this.name = name;
    }

    /** For tasks that run until released (receive loops, event delivery workers). */
    public static WorkManagerExecutor longRunning(WorkManager workManager, String name) {
        return new WorkManagerExecutor(workManager, name);
    }

    /** @throws RejectedExecutionException when the WorkManager refuses the work */
    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new HintedWork(task, name, true));
        } catch (WorkException e) {
            throw new RejectedExecutionException("the WorkManager refused " + name + ": " + e.getMessage(), e);
        }
    }
}
