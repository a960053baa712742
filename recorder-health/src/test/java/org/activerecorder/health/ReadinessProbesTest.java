package org.activerecorder.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A check answers what its module's probe says at the moment it is asked, and DOWN, saying why, when the module never
 * handed one in.
 */
class ReadinessProbesTest {

    @Test
    void aCheckWhoseProbeNeverCameIsDownAndSaysWhy() {
        HealthCheckResponse answer = new ReadinessProbes().probe(SipReadiness.NAME);

        assertEquals("recorder-sip", answer.getName());
        assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
        assertTrue(String.valueOf(answer.getData().orElseThrow().get("cause")).contains("did not start"));
    }

    @Test
    void aCheckAnswersWhatItsProbeSaysWhenAsked() {
        ReadinessProbes probes = new ReadinessProbes();
        AtomicLong sessions = new AtomicLong();
        probes.provide(SipReadiness.NAME, () -> new HealthCheckResponse(SipReadiness.NAME,
                HealthCheckResponse.Status.UP, Optional.of(Map.of("sessions", sessions.get()))));

        sessions.set(7);
        HealthCheckResponse answer = probes.probe(SipReadiness.NAME);

        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals(7L, answer.getData().orElseThrow().get("sessions"), "read when asked, not when handed in");
        assertEquals(HealthCheckResponse.Status.DOWN, probes.probe(DatabaseReadiness.NAME).getStatus(),
                "each check its own probe");
    }
}
