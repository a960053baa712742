package org.activerecorder.sip.siprec;

import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A metadata element seen the way field SRCs need it read: by its local name without regard to prefix, namespace or
 * letter case ({@code rs:participant}, {@code participant}; {@code dataMode}, {@code datamode}), attributes likewise
 * ({@code participant_id}, pre-RFC {@code id}), text with its white space runs collapsed (RFC 7865's own example
 * folds a {@code sipSessionID} over two lines).
 */
final class MetadataElement {
    private final Element element;

    MetadataElement(Element element) {
        this.element = element;
    }

    Element dom() {
        return element;
    }

    /** The local name in lower case. */
    String name() {
        return HardenedXml.localName(element).toLowerCase(Locale.ROOT);
    }

    boolean is(String lowerCaseName) {
        return name().equals(lowerCaseName);
    }

    /** The value of the first of {@code names} (lower case) present as an attribute, collapsed; "" when none is. */
    String attribute(String... names) {
        NamedNodeMap attributes = element.getAttributes();
        for (String wanted : names) {
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                if (HardenedXml.localName(attribute).toLowerCase(Locale.ROOT).equals(wanted)) {
                    return collapse(attribute.getNodeValue());
                }
            }
        }
        return "";
    }

    String text() {
        return collapse(element.getTextContent());
    }

    List<MetadataElement> children() {
        List<MetadataElement> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                children.add(new MetadataElement(childElement));
            }
        }
        return children;
    }

    List<MetadataElement> children(String lowerCaseName) {
        return children().stream().filter(child -> child.is(lowerCaseName)).toList();
    }

    static String collapse(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
