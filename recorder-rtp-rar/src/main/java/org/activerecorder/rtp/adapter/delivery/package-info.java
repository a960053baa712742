/**
 * Inbound delivery of stream lifecycle events to message-driven beans.
 *
 * <p>{@link org.activerecorder.rtp.adapter.delivery.EndpointEventDispatcher} keeps the active
 * {@link jakarta.resource.spi.endpoint.MessageEndpointFactory}s and, for each event, schedules one short
 * {@link org.activerecorder.rtp.adapter.delivery.EndpointDelivery} per endpoint, so that an MDB never runs on
 * (and never slows down) a receive loop thread.
 */
package org.activerecorder.rtp.adapter.delivery;
