package org.activerecorder.sip.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.activerecorder.sip.RecordingSipService;
import org.activerecorder.sip.admission.SipCounters;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * SIP's meters (docs/metrics.md): requests by method, responses by class, refusals by reason and sessions open, read
 * from the running SIP service when scraped. Before SIP listens (or when it could not start) counters read 0 and
 * the sessions gauge NaN.
 */
public final class SipMeters {

    private final Supplier<Optional<RecordingSipService>> service;

    /** @param service the running SIP service, if any (a SIP stack that restarts counts from 0 again) */
    public SipMeters(Supplier<Optional<RecordingSipService>> service) {
        this.service = service;
    }

    public void bindTo(MeterRegistry registry) {
        for (String method : SipTraffic.METHODS) {
            counter(registry, "recorder.sip.requests", "requests", "SIP requests received, by method",
                    running -> running.traffic().requests(method), "method", method);
        }
        for (String responseClass : SipTraffic.CLASSES) {
            counter(registry, "recorder.sip.responses", "responses", "SIP responses sent by the recorder, by class",
                    running -> running.traffic().responses(responseClass), "class", responseClass);
        }
        refusal(registry, "forbidden_peer", SipCounters.Snapshot::forbiddenPeers);
        refusal(registry, "overloaded", SipCounters.Snapshot::overloaded);
        refusal(registry, "session_limit", SipCounters.Snapshot::sessionLimit);
        refusal(registry, "peer_session_limit", SipCounters.Snapshot::peerSessionLimit);
        refusal(registry, "oversized", SipCounters.Snapshot::oversized);
        refusal(registry, "malformed", SipCounters.Snapshot::malformed);
        counter(registry, "recorder.sip.udp.datagrams.unsent", "datagrams", "SIP datagrams the kernel refused to send"
                        + " (each logged)", running -> running.counters().snapshot().udpSendFailures(), null, null);
        counter(registry, "recorder.sip.udp.sends.waited", "sends", "SIP sends that waited for room in a full UDP"
                        + " send queue (the thread sending them stuck)",
                running -> running.counters().snapshot().udpSendQueueFull(), null, null);
        Gauge.builder("recorder.sip.sessions.open", this,
                        meters -> meters.service.get().map(running -> (double) running.activeSessions())
                                .orElse(Double.NaN))
                .description("SIP recording sessions opening or established").baseUnit("sessions")
                .register(registry);
        Gauge.builder("recorder.sip.openings.pending", this,
                        meters -> meters.service.get().map(running -> (double) running.pendingWork())
                                .orElse(Double.NaN))
                .description("session openings handed to the executor and not finished").register(registry);
    }

    private void refusal(MeterRegistry registry, String reason, ToLongFunction<SipCounters.Snapshot> count) {
        counter(registry, "recorder.sip.refusals", null, "SIP requests the recorder refused or dropped, by"
                        + " reason (forbidden_peer: 403 or dropped; overloaded, session_limit, peer_session_limit: 503;"
                        + " oversized: dropped; malformed: dropped or 400)",
                running -> count.applyAsLong(running.counters().snapshot()), "reason", reason);
    }

    private void counter(MeterRegistry registry, String name, String unit, String description,
                         ToLongFunction<RecordingSipService> count, String tag, String value) {
        FunctionCounter.builder(name, this,
                        meters -> meters.service.get().map(running -> (double) count.applyAsLong(running)).orElse(0d))
                .description(description).baseUnit(unit).tags(tag == null ? new String[0] : new String[] {tag, value})
                .register(registry);
    }
}
