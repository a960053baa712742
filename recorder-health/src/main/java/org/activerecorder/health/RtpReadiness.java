package org.activerecorder.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the RTP adapter's receive loops run (recorder-ejb's probe: loops, streams, port pairs). */
@Readiness
@ApplicationScoped
public class RtpReadiness extends ProbedReadiness {

    public static final String NAME = "recorder-rtp";

    @Override
    String name() {
        return NAME;
    }
}
