/**
 * Status-code decisions: which final response the recorder gives when it refuses a request, with a
 * reason phrase an operator can act on and the headers that code calls for (Retry-After, Warning,
 * Accept, Allow). Kept apart from JAIN-SIP so the decisions are plain values with plain unit tests.
 */
package org.activerecorder.sip.status;
