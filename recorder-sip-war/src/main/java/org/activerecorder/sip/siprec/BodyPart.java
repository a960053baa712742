package org.activerecorder.sip.siprec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One part of a SIPREC body: its Content-Type, its Content-Disposition (RFC 7866 marks the metadata part
 * {@code recording-session}) and its bytes, exactly as they stood between the delimiters.
 */
public final class BodyPart {
    private final ContentType contentType;
    private final String disposition;
    private final byte[] content;

    BodyPart(ContentType contentType, String disposition, byte[] content) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.disposition = disposition == null ? "" : disposition;
        this.content = content.clone();
    }

    public ContentType contentType() {
        return contentType;
    }

    /** The disposition type in lower case ({@code recording-session}, {@code session}), "" when the part has none. */
    public String disposition() {
        return disposition;
    }

    public byte[] content() {
        return content.clone();
    }

    public int length() {
        return content.length;
    }

    /**
     * The content as text. SDP is UTF-8 (RFC 4566 §5 allows it in a few fields); ASCII is a subset. Metadata should be
     * handed to the XML parser as {@link #content()} instead, so that its own encoding declaration is honoured.
     */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BodyPart part && part.contentType.equals(contentType)
                && part.disposition.equals(disposition) && Arrays.equals(part.content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, disposition, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return contentType + " (" + content.length + " bytes)";
    }
}
