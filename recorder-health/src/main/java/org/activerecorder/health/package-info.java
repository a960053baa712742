/**
 * The recorder's readiness checks (MicroProfile Health: {@code /health/ready} on the management interface): one
 * check per thing the recorder needs to take calls (SIP, the RTP adapter, the database, the broker), each answering
 * with the probe that the module owning the thing handed in at start ({@link org.activerecorder.health.ReadinessProbes}).
 * The checks live in the EAR's lib/ because that is where WildFly finds an EAR's checks; the probes live beside what
 * they probe.
 */
package org.activerecorder.health;
