/**
 * SDP offer/answer (RFC 3264) for a recorder: read the Media Server's offer with the NIST SDP parser
 * that ships inside JAIN-SIP ({@code javax.sdp}), choose the one audio stream and codec we receive, and
 * write the {@code a=recvonly} answer. Pure classes: text in, values out, no SIP stack involved.
 */
package org.activerecorder.sip.sdp;
