/**
 * Inbound delivery of stream lifecycle events to message-driven beans, at least once and off the receive loops.
 *
 * <p>{@link org.activerecorder.rtp.adapter.delivery.EndpointEventDispatcher} is what the receive loops publish to:
 * a lock-free hand-over. Its {@code DeliveryWorker}s (long-running Work, started once with the adapter) offer each
 * event to every active {@link jakarta.resource.spi.endpoint.MessageEndpointFactory} ({@code EndpointDelivery}) and
 * keep the ones not taken for another attempt after a growing {@code RetryDelay}, in order per stream.
 */
package org.activerecorder.rtp.adapter.delivery;
