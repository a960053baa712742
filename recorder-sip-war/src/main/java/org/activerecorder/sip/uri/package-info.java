/**
 * The Request-URI of intake shape A ({@code sip:record=<id>@recorder;calluuid=...;dn=...;recordDN=...}),
 * parsed and validated into domain values once, at the edge.
 */
package org.activerecorder.sip.uri;
