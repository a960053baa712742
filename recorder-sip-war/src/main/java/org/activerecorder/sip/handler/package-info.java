/**
 * The SIP application, shaped like a SIP servlet: {@link org.activerecorder.sip.handler.SipEventDispatcher}
 * is the thin JAIN-SIP listener (peer check, then one call per method) and
 * {@link org.activerecorder.sip.handler.RecordingSipServlet} has {@code doInvite}, {@code doAck},
 * {@code doBye}, {@code doCancel}, {@code doOptions}. Everything slow (the stream intake, which waits on
 * the database and the RTP adapter) runs on an executor; JAIN-SIP delivers every event on one thread,
 * which must never wait.
 */
package org.activerecorder.sip.handler;
