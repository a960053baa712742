package org.activerecorder.sip.siprec;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;

/**
 * Peer XML parsed into a DOM with every door shut: no DOCTYPE at all (so no internal entities, no billion laughs, no
 * external DTD), no external entities or schemas, no XInclude, the JDK's secure-processing limits on, a maximum
 * element depth, and, once parsed, a maximum element count. Failures are verdicts naming the line and column,
 * never a stack trace or a line on standard error (the JDK's default error handler prints one per fatal error).
 *
 * <p>The JDK's own parser ({@link DocumentBuilderFactory#newDefaultInstance()}) is used rather than whatever
 * {@code DocumentBuilderFactory.newInstance()} finds on the class path, so that the features set here mean the same
 * thing in unit tests and in WildFly. It is not namespace aware on purpose: SRCs send the metadata in three
 * namespaces, with and without prefixes, and some with prefixes they never declare; elements are matched by their
 * local name instead (see {@link #localName}).
 */
final class HardenedXml {

    /** The JDK parser's depth limit (JAXP 1.5 limits, {@code jdk.xml.maxElementDepth}). */
    private static final String MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";

    /** How the JDK parser names that limit when it stops a parse (message JAXP00010006). */
    private static final String DEPTH_LIMIT_NAME = "maxElementDepth";

    private HardenedXml() {
    }

    static Verdict<Element> parseRoot(byte[] xml, SiprecLimits limits) {
        if (hasDoctype(xml)) {
            return Verdict.refused(Refusal.Reason.MALFORMED_METADATA,
                    "metadata has a DOCTYPE (DTDs and entity declarations are refused)");
        }
        Document document;
        try {
            document = builder(limits.maxElementDepth()).parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException malformed) {
            String message = String.valueOf(malformed.getMessage());
            if (message.contains(DEPTH_LIMIT_NAME)) {
                return Verdict.refused(Refusal.Reason.TOO_LARGE,
                        "metadata nests elements deeper than " + limits.maxElementDepth(), message);
            }
            return Verdict.refused(Refusal.Reason.MALFORMED_METADATA, "metadata is not well-formed XML (line "
                    + malformed.getLineNumber() + ", column " + malformed.getColumnNumber() + ")", message);
        } catch (SAXException | IOException malformed) {
            return Verdict.refused(Refusal.Reason.MALFORMED_METADATA, "metadata is not well-formed XML",
                    String.valueOf(malformed.getMessage()));
        }
        Element root = document.getDocumentElement();
        if (countElements(root, limits.maxElements()) > limits.maxElements()) {
            return Verdict.refused(Refusal.Reason.TOO_LARGE,
                    "metadata has more than " + limits.maxElements() + " XML elements");
        }
        return Verdict.accepted(root);
    }

    /**
     * Whether the bytes hold {@code <!DOCTYPE}: refused before parsing, with a reason that says so. SRCs write
     * metadata in UTF-8 or ASCII, where this finds it; in any other encoding the parser's own DOCTYPE ban stops it.
     */
    private static boolean hasDoctype(byte[] xml) {
        byte[] doctype = DOCTYPE;
        for (int i = 0; i + doctype.length <= xml.length; i++) {
            int j = 0;
            while (j < doctype.length && xml[i + j] == doctype[j]) {
                j++;
            }
            if (j == doctype.length) {
                return true;
            }
        }
        return false;
    }

    private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static DocumentBuilder builder(int maxDepth) {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute(MAX_ELEMENT_DEPTH, Integer.toString(maxDepth));
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setIgnoringComments(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(QUIET);
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException unsupported) {
            // the JDK's own parser supports every feature above; failing here is a broken JDK, not peer input
            throw new IllegalStateException("the JDK XML parser refuses a hardening feature", unsupported);
        }
    }

    /** Reports nothing anywhere: warnings are ignored, errors and fatal errors end the parse as exceptions. */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // a warning does not stop the parse and says nothing a person sending us metadata could act on
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    /** Elements under and including {@code root}, counted without recursion, stopping once past {@code limit}. */
    private static int countElements(Element root, int limit) {
        int count = 0;
        Node node = root;
        while (node != null && count <= limit) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                count++;
            }
            node = nextInDocumentOrder(node, root);
        }
        return count;
    }

    private static Node nextInDocumentOrder(Node node, Node root) {
        if (node.getFirstChild() != null) {
            return node.getFirstChild();
        }
        Node at = node;
        while (at != root && at.getNextSibling() == null) {
            at = at.getParentNode();
        }
        return at == root ? null : at.getNextSibling();
    }

    /**
     * The element's name without its prefix: {@code rs:recording} and {@code recording} are the same element to us,
     * whatever namespace (RFC 7865's {@code :1}, the drafts' without it, the legacy {@code siprec} one) or none.
     */
    static String localName(Node node) {
        String name = node.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }
}
