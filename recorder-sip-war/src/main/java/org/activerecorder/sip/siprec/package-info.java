/**
 * SIPREC (RFC 7866) bodies and recording metadata (RFC 7865), read liberally and safely, and the rules that say who is
 * who in a SIPREC session. Pure classes, bytes in and values out, no SIP stack: {@link
 * org.activerecorder.sip.siprec.SiprecBody} splits the body, {@link org.activerecorder.sip.siprec.MetadataParser}
 * reads the metadata of every dialect field SRCs send with a hardened XML parser, {@link
 * org.activerecorder.sip.siprec.MetadataUpdate} merges re-INVITE/UPDATE metadata, {@link
 * org.activerecorder.sip.siprec.CallIdentityRule} and {@link org.activerecorder.sip.siprec.ChannelRules} decide the
 * call's identity and the recorded party's channel, each saying which rule decided. Nothing here throws for peer
 * input: every refusal is a {@link org.activerecorder.sip.siprec.Verdict} carrying a {@link
 * org.activerecorder.sip.siprec.Refusal}. {@link org.activerecorder.sip.siprec.DomainIds} turns SIPREC ids into the
 * domain's; {@link org.activerecorder.sip.siprec.SiprecState} is what a running session knows. The handlers'
 * {@code SiprecInviteReader} wires it to the SIP side.
 */
package org.activerecorder.sip.siprec;
