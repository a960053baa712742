package org.activerecorder.application.events;

/**
 * An event about a recording. {@link #type()} is also set as the JMS string property {@code eventType},
 * so consumers can subscribe with a selector such as {@code eventType = 'RecordingCompleted'}.
 */
public interface RecordingEvent {

    String type();

    long recordingId();

    String callUuid();
}
