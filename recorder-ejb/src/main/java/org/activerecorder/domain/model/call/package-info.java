/**
 * The call aggregate: one telephone call as the contact centre's call control identifies it (CallUUID). Recordings
 * hang off it; call control's events merge into it: the call's facts (state, connId, DNs, ANI, DNIS, direction,
 * agent), its attached data with each key's time, and its newest events as received.
 */
package org.activerecorder.domain.model.call;
