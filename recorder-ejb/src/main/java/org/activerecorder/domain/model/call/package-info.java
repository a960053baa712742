/**
 * The call aggregate: one telephone call as the contact centre's call control identifies it (CallUUID).
 * Recordings and, later, CTI data (ANI, DNIS, user data) hang off it.
 */
package org.activerecorder.domain.model.call;
