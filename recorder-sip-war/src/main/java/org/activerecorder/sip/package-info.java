/**
 * The recorder's SIP signalling, hosted in this WAR because no SIP Servlet container exists for
 * Jakarta EE 10. {@link org.activerecorder.sip.SipServiceLifecycle} starts the JAIN-SIP stack with the
 * application and stops it with it; {@link org.activerecorder.sip.RecordingSipService} wires the parts:
 * <ul>
 *   <li>{@code stack}: the JAIN-SIP stack, its settings and logging;</li>
 *   <li>{@code handler}: the listener and the servlet-shaped request handlers;</li>
 *   <li>{@code uri}, {@code sdp}: pure readers of the Request-URI and the SDP offer, and the answer writer;</li>
 *   <li>{@code session}: which dialog carries which recorder stream;</li>
 *   <li>{@code status}: which status code every refusal gets, and why.</li>
 * </ul>
 * The domain is reached only through {@link org.activerecorder.application.StreamIntake}.
 */
package org.activerecorder.sip;
