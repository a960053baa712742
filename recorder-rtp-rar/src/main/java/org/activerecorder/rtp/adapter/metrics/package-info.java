/**
 * The media plane's health figures for the server's metrics, read from the counters the receive loops, the event
 * delivery and the kernel already keep: nothing here runs per packet, and nothing here knows Micrometer (the EJB
 * module turns {@link org.activerecorder.rtp.api.MediaPlaneFigures} into meters).
 */
package org.activerecorder.rtp.adapter.metrics;
