/**
 * SIP's readiness probe, beside the endpoint it probes, handed to recorder-health's check {@code recorder-sip}
 * (MicroProfile Health, {@code /health/ready} on the management interface) when the application starts.
 */
package org.activerecorder.sip.health;
