package org.activerecorder.sip.siprec;

import java.util.List;
import java.util.Optional;

/**
 * How the recorder reads SIPREC sessions, from {@code recorder.siprec.*} (read with the other SIP settings by
 * {@code stack/SipSettings}).
 *
 * @param callIdHeader the header that names the call (vendors put the call id in an {@code X-} header), if any;
 *                     without it the call id comes from the metadata (see {@link CallIdentityRule})
 * @param recordedDns  the DNs (or AoRs) whose participant is the recorded party, the left channel; when none
 *                     matches, the metadata's first participant is (see {@link ChannelRules})
 */
public record SiprecSettings(Optional<String> callIdHeader, List<String> recordedDns) {

    /** No call-id header, no recorded DN: the metadata decides alone. */
    public static final SiprecSettings DEFAULT = new SiprecSettings(Optional.empty(), List.of());

    public SiprecSettings {
        callIdHeader = callIdHeader.map(String::strip).filter(name -> !name.isEmpty());
        recordedDns = recordedDns.stream().map(String::strip).filter(dn -> !dn.isEmpty()).toList();
    }

    /** The identity rule these settings call for. */
    public CallIdentityRule identityRule() {
        return new CallIdentityRule(callIdHeader.orElse(null), CallIdentityRule.DEFAULT_EXTENSION_NAMES);
    }

    /** The channel rules these settings call for. */
    public ChannelRules channelRules() {
        return new ChannelRules(new RecordedDns(recordedDns));
    }
}
