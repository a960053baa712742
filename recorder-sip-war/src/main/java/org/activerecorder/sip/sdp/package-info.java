/**
 * SDP offer/answer (RFC 3264) for a recorder: read the Media Server's offer with the NIST SDP parser
 * that ships inside JAIN-SIP ({@code javax.sdp}), choose the audio streams, codecs and telephone-event
 * payload types we receive (one per audio m-line with a port), write the answer that mirrors every offered
 * m-line ({@code a=recvonly} on its own port for each recorded one, port 0 for the others, each {@code a=label}
 * echoed), and answer re-offers of the session ({@code a=inactive} on the lines whose media is held). Pure
 * classes: text in, values out, no SIP stack involved.
 */
package org.activerecorder.sip.sdp;
