package org.activerecorder.sip.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.activerecorder.infrastructure.metrics.RecorderMeters;
import org.activerecorder.sip.SipServiceLifecycle;

/**
 * Registers SIP's meters in the recorder's registry when the application starts, and keeps them (Micrometer holds a
 * meter's state object weakly).
 */
@ApplicationScoped
public class SipMetricsBinding {

    @Inject
    private RecorderMeters meters;

    @Inject
    private SipServiceLifecycle sip;

    private SipMeters bound;

    synchronized void bind(@Observes Startup applicationStarted) {
        if (bound != null) {
            return;
        }
        SipServiceLifecycle lifecycle = sip;
        bound = new SipMeters(lifecycle::running);
        bound.bindTo(meters.registry());
    }
}
