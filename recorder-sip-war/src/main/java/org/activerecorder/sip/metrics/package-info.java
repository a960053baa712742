/**
 * SIP's part of the server's metrics (docs/metrics.md): requests by method and responses by class, counted as they
 * pass, and the meters over them, over the refusals {@code SipCounters} keeps and over the sessions open.
 */
package org.activerecorder.sip.metrics;
