/**
 * JMS in and out: recording events published as JSON on the topic {@code RecordingEvents}
 * ({@code java:/jms/topic/RecordingEvents}, exported for remote clients), call-control commands sent on the queue
 * {@code CallControlCommands}, and call events taken from the queue {@code CallEvents}.
 */
package org.activerecorder.infrastructure.messaging.jms;
