/**
 * Publishing recording events as JSON on the JMS topic {@code RecordingEvents}
 * ({@code java:/jms/topic/RecordingEvents}, exported for remote clients).
 */
package org.activerecorder.infrastructure.messaging.jms;
