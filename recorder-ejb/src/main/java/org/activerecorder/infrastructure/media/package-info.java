/**
 * The recorder's side of the RTP resource adapter: the message-driven bean that receives stream
 * lifecycle events and hands them to the application. Nothing here runs per packet.
 */
package org.activerecorder.infrastructure.media;
