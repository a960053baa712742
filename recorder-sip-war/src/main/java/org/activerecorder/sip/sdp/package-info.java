/**
 * SDP offer/answer (RFC 3264) for a recorder: read the Media Server's offer with the NIST SDP parser
 * that ships inside JAIN-SIP ({@code javax.sdp}), choose the one audio stream, codec and telephone-event
 * payload type we receive, write the {@code a=recvonly} answer, and answer re-offers of the session
 * ({@code a=inactive} while the media is held). Pure classes: text in, values out, no SIP stack involved.
 */
package org.activerecorder.sip.sdp;
