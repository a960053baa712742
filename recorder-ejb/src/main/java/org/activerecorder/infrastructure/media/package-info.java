/**
 * The recorder's side of the RTP resource adapter: the message-driven bean that receives stream lifecycle events
 * and hands them to the application, taking each at least once (an event it cannot apply is thrown back, and the
 * adapter delivers it again). Nothing here runs per packet.
 */
package org.activerecorder.infrastructure.media;
