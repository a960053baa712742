package org.activerecorder.it.smoke.deployment;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;

import java.util.ArrayList;
import java.util.List;

/** The events {@link RecordingEventsMonitor} has received, in order. */
@Singleton
public class ReceivedEvents {

    private final List<String> events = new ArrayList<>();

    @Lock(LockType.WRITE)
    public void add(String event) {
        events.add(event);
    }

    @Lock(LockType.READ)
    public List<String> all() {
        return List.copyOf(events);
    }
}
