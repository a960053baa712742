package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.api.StreamEvent;

/**
 * Where the receive loops send stream lifecycle events. Called on a receive loop thread: an implementation
 * must hand the event over and return, never deliver it there.
 */
@FunctionalInterface
public interface StreamEventSink {

    void publish(StreamEvent event);
}
