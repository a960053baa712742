package org.activerecorder.application.events;

/**
 * Where the application publishes its events: the JMS topic {@code RecordingEvents} in the server (implemented in
 * infrastructure), a list in the tests. An event published inside a transaction reaches consumers when it commits.
 */
public interface RecordingEvents {

    void publish(RecordingEvent event);
}
