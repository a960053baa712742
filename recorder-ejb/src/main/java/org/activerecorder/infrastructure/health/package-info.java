/**
 * The probes behind three of the recorder's readiness checks (recorder-health's checks, MicroProfile Health's
 * {@code /health/ready} on the management interface), handed in when the application starts: the database answers a
 * query through JPA, the embedded broker takes a JMS connection, the RTP adapter's receive loops run and report their
 * figures. Each answer's data names what was probed and what was found (counts, never a secret or a file path); a
 * probe going down is logged once with its cause, and once more when it is back. SIP's probe lives in
 * recorder-sip-war, beside the endpoint it probes.
 */
package org.activerecorder.infrastructure.health;
