package org.activerecorder.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the SIP intake listens (recorder-sip-war's probe: where, and its sessions). */
@Readiness
@ApplicationScoped
public class SipReadiness extends ProbedReadiness {

    public static final String NAME = "recorder-sip";

    @Override
    String name() {
        return NAME;
    }
}
