package org.activerecorder.sip.siprec;

import java.util.Set;

/**
 * Reads SIPREC recording metadata (RFC 7865, carried as RFC 7866 describes) from the bytes of a metadata body part:
 * size-limited, parsed by {@link HardenedXml} (no DTD, no entities, bounded depth and element count), the root
 * checked, then read by {@link MetadataReader}, whose comment lists the dialects accepted. Every failure is a
 * {@link Verdict} with a reason a person can act on; nothing here throws for any input.
 *
 * <p>Root elements accepted, in any namespace or none and with any prefix: {@code recording} (RFC 7865 in
 * {@code urn:ietf:params:xml:ns:recording:1}; the drafts' {@code urn:ietf:params:xml:ns:recording}),
 * {@code recording_metadata} (the legacy schema in {@code urn:ietf:params:xml:ns:siprec}, still sent by BroadWorks)
 * and {@code recording-metadata} (the same draft's spelling in its examples).
 */
public final class MetadataParser {
    private static final Set<String> ROOTS = Set.of("recording", "recording_metadata", "recording-metadata");

    private final SiprecLimits limits;

    public MetadataParser(SiprecLimits limits) {
        this.limits = limits;
    }

    public Verdict<RecordingMetadata> parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            return Verdict.refused(Refusal.Reason.MALFORMED_METADATA, "metadata part is empty");
        }
        if (xml.length > limits.maxBodyBytes()) {
            return Verdict.refused(Refusal.Reason.TOO_LARGE,
                    "metadata of " + xml.length + " bytes, the limit is " + limits.maxBodyBytes());
        }
        Verdict<org.w3c.dom.Element> root = HardenedXml.parseRoot(xml, limits);
        if (!root.isAccepted()) {
            return Verdict.refused(root.refusal());
        }
        MetadataElement element = new MetadataElement(root.value());
        if (!ROOTS.contains(element.name())) {
            return Verdict.refused(Refusal.Reason.NOT_RECORDING_METADATA, "metadata root element is <"
                    + clip(element.name()) + ">, expected <recording> (RFC 7865)");
        }
        return MetadataReader.read(element, limits);
    }

    private static String clip(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }
}
