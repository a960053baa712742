/**
 * The Request-URI of the Genesys intake shapes ({@code sip:record=<id>@recorder;calluuid=...;dn=...;recordDN=...},
 * with {@code otherDN} when one session carries both parties), parsed and validated into domain values once, at
 * the edge, with every value bounded by what the database keeps.
 */
package org.activerecorder.sip.uri;
