package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "multipart/mixed;boundary=foobar",
            "multipart/mixed; boundary=foobar",
            "Multipart/Mixed ; Boundary = \"foobar\"",
            "multipart/mixed;boundary=\"foobar\";",
            "multipart/mixed;charset=utf-8; boundary=foobar"})
    void readsTheBoundaryQuotedOrNotInAnySpelling(String value) {
        ContentType type = ContentType.parse(value);
        assertTrue(type.isMultipartMixed());
        assertEquals(Optional.of("foobar"), type.parameter("boundary"));
    }

    @Test
    void unquotesAQuotedBoundaryWithSeparatorsAndEscapes() {
        ContentType type = ContentType.parse("multipart/mixed;boundary=\"----=_Part_1;x \\\"y\\\"\"");
        assertEquals(Optional.of("----=_Part_1;x \"y\""), type.parameter("boundary"));
    }

    @Test
    void aBareNameHasAnEmptyValueAndTheFirstOfARepeatedNameWins() {
        ContentType type = ContentType.parse("application/sdp;flag;level=1;level=2");
        assertEquals(Map.of("flag", "", "level", "1"), type.parameters());
    }

    @Test
    void recognisesBothMetadataSpellingsInAnyCase() {
        assertTrue(ContentType.parse("application/rs-metadata+xml").isMetadata());
        assertTrue(ContentType.parse("Application/RS-Metadata").isMetadata());
        assertTrue(ContentType.parse("application/SDP").isSdp());
        assertFalse(ContentType.parse("application/rs-metadata-request").isMetadata());
    }

    @Test
    void nothingGivesAnEmptyMediaType() {
        assertEquals("", ContentType.parse(null).mediaType());
        assertEquals("", ContentType.parse("  ").mediaType());
        assertEquals("", ContentType.parse(";boundary=x").mediaType());
    }
}
