package org.activerecorder.application.calls;

import java.time.Duration;

/** The recorder's settings a {@link CallControl} connector needs to send its commands. */
public interface CallControlSettings {

    /**
     * How long a command stays valid on its way to call control: a bridge that was down must not act on a command
     * long overtaken by events.
     */
    Duration commandTimeToLive();
}
