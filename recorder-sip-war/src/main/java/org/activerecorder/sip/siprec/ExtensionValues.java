package org.activerecorder.sip.siprec;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Vendor data found in metadata, kept as name to value pairs: every element with text and no child elements inside
 * an {@code <extensiondata>} or a vendor element (RFC 7865 lets SRCs add their own elements inside {@code <group>},
 * {@code <session>} and {@code <participant>}), by its local name ({@code apkt:ucid} is {@code ucid},
 * {@code callID} stays {@code callID}). Bounded: at most {@code max} names, values cut at {@code maxLength}
 * characters, the first value of a name kept; what does not fit is dropped, since nothing depends on it but the call
 * identity rule, which looks for a few names only.
 */
final class ExtensionValues {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final int max;
    private final int maxLength;

    ExtensionValues(int max, int maxLength) {
        this.max = max;
        this.maxLength = maxLength;
    }

    /** Adds the leaves under {@code container} (the container itself if it is a leaf), in document order. */
    void addLeavesOf(Element container) {
        if (!hasChildElements(container)) {
            add(HardenedXml.localName(container), container.getTextContent());
            return;
        }
        for (Node child = container.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                addLeavesOf(element);
            }
        }
    }

    private void add(String name, String text) {
        String value = MetadataElement.collapse(text);
        if (value.isEmpty() || values.size() >= max || values.containsKey(name)) {
            return;
        }
        values.put(name, value.length() > maxLength ? value.substring(0, maxLength) : value);
    }

    Map<String, String> asMap() {
        return values;
    }

    /** The value of the first of {@code names} present, names compared without regard to case. */
    static Optional<Map.Entry<String, String>> find(Map<String, String> values, Iterable<String> names) {
        for (String wanted : names) {
            String lower = wanted.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, String> entry : values.entrySet()) {
                if (entry.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean hasChildElements(Element element) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }
}
