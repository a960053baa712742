package org.activerecorder.sip.siprec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The SIPREC fixtures under {@code src/test/resources/siprec/}; files are stored with LF line ends. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] metadata(String name) {
        return bytes("/siprec/metadata/" + name);
    }

    /**
     * A multipart body from {@code bodies/}, the {@code @METADATA@} line replaced by a metadata fixture, with CRLF line
     * ends (as on the wire) or left with the bare LF the file has.
     */
    static byte[] body(String name, String metadataFixture, boolean crlf) {
        String text = new String(bytes("/siprec/bodies/" + name), StandardCharsets.UTF_8)
                .replace("@METADATA@", new String(metadata(metadataFixture), StandardCharsets.UTF_8).strip());
        return (crlf ? text.replace("\n", "\r\n") : text).getBytes(StandardCharsets.UTF_8);
    }

    static RecordingMetadata parsed(String metadataFixture) {
        Verdict<RecordingMetadata> verdict = new MetadataParser(SiprecLimits.DEFAULT).parse(metadata(metadataFixture));
        if (!verdict.isAccepted()) {
            throw new AssertionError(metadataFixture + " refused: " + verdict.refusal());
        }
        return verdict.value();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
