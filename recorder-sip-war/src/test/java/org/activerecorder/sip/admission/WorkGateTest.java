package org.activerecorder.sip.admission;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkGateTest {

    /** An executor that keeps tasks until the test runs them: queued work stays pending. */
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor later = queued::add;

    @Test
    void placesRunOutAtCapacityAndComeBackWhenTheWorkHasRun() {
        WorkGate gate = new WorkGate(later, 2);
        WorkGate.Place first = gate.tryEnter();
        WorkGate.Place second = gate.tryEnter();
        assertNotNull(first);
        assertNotNull(second);
        assertNull(gate.tryEnter(), "full: running and queued work count alike");

        first.execute(() -> { });
        second.execute(() -> { });
        assertEquals(2, gate.pending(), "queued work still holds its place");
        queued.remove(0).run();
        assertEquals(1, gate.pending());
        assertNotNull(gate.tryEnter(), "a place is free again");
    }

    @Test
    void aPlaceComesBackWhenTheWorkFailsOrIsRefusedOrNotRunAtAll() {
        WorkGate gate = new WorkGate(later, 1);
        gate.tryEnter().execute(() -> {
            throw new IllegalStateException("intake failed");
        });
        assertThrows(IllegalStateException.class, () -> queued.remove(0).run());
        assertEquals(0, gate.pending());

        WorkGate refusing = new WorkGate(task -> {
            throw new RejectedExecutionException("stopping");
        }, 1);
        WorkGate.Place place = refusing.tryEnter();
        assertThrows(RejectedExecutionException.class, () -> place.execute(() -> { }));
        assertEquals(0, refusing.pending());

        gate.tryEnter().release();
        assertEquals(0, gate.pending());
    }

    @Test
    void aPlaceIsUsedOnce() {
        WorkGate gate = new WorkGate(later, 3);
        WorkGate.Place place = gate.tryEnter();
        place.release();
        assertThrows(IllegalStateException.class, place::release);
        assertThrows(IllegalStateException.class, () -> place.execute(() -> { }));
        assertEquals(0, gate.pending(), "a second release gives back no place it did not take");
    }
}
