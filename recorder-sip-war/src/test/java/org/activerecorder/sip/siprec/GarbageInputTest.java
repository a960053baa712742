package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: whatever bytes a peer sends, the body reader, the metadata parser and the rules that use their output
 * return a verdict and never throw. Random bytes, random mutations of every real fixture (flipped, inserted, deleted,
 * truncated), and token soup made of the characters that matter to MIME and XML. Seeds are fixed so a failure
 * repeats; each case prints its seed and input on failure.
 */
@ExtendWith(NothingOnStandardError.class)
class GarbageInputTest {
    private static final int CASES = 1_000;
    private static final List<String> METADATA = List.of("rfc7865-complete.xml", "rfc8068-basic-call.xml",
            "prerfc-acme-packet.xml", "prerfc-oracle-nameid.xml", "legacy-broadworks.xml", "prefixed-root.xml",
            "cisco-style.xml", "rfc7865-partial-hold.xml");
    private static final String SOUP = "<>/=\"' \r\n\t-:;&#![]?x0aZ\u00e9\u0000";
    private static final String[] TOKENS = {"<recording>", "</recording>", "<participant participant_id=\"p\">",
            "</participant>", "<stream stream_id=\"s\">", "<label>1</label>", "<send>s</send>", "<![CDATA[",
            "]]>", "<!--", "-->", "<?xml version=\"1.0\"?>", "&amp;", "&#0;", "&#x110000;", "--b", "--b--",
            "Content-Type: application/sdp", "Content-Type:application/rs-metadata+xml", "\r\n", "\n", "\r\n\r\n",
            "<!DOCTYPE", "<!ENTITY", "xmlns:a=\"u\"", "<a:b>", "</a:b>"};

    private final MetadataParser parser = new MetadataParser(SiprecLimits.DEFAULT);
    private final ChannelRules rules = new ChannelRules(new RecordedDns(List.of("4711")));

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7866);
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = new byte[random.nextInt(600)];
            random.nextBytes(bytes);
            exercise(bytes, "random bytes #" + i);
        }
    }

    @Test
    void mutatedFixturesNeverThrow() {
        Random random = new Random(7865);
        for (int i = 0; i < CASES; i++) {
            byte[] fixture = Fixtures.metadata(METADATA.get(i % METADATA.size()));
            byte[] metadata = mutate(fixture, random);
            exercise(metadata, "mutated metadata #" + i);
            byte[] body = mutate(Fixtures.body("rfc-order.txt", METADATA.get(i % METADATA.size()), i % 2 == 0), random);
            exercise(body, "mutated body #" + i);
        }
    }

    @Test
    void tokenSoupNeverThrows() {
        Random random = new Random(2046);
        for (int i = 0; i < CASES; i++) {
            StringBuilder soup = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int j = 0; j < pieces; j++) {
                if (random.nextBoolean()) {
                    soup.append(TOKENS[random.nextInt(TOKENS.length)]);
                } else {
                    soup.append(SOUP.charAt(random.nextInt(SOUP.length())));
                }
            }
            exercise(soup.toString().getBytes(StandardCharsets.UTF_8), "token soup #" + i);
        }
    }

    @Test
    void theMutationsDoReachTheParserAndTheRules() {
        Random random = new Random(7865);
        int accepted = 0;
        for (int i = 0; i < 200; i++) {
            if (parser.parse(mutate(Fixtures.metadata("rfc8068-basic-call.xml"), random)).isAccepted()) {
                accepted++;
            }
        }
        assertTrue(accepted > 20 && accepted < 200,
                "a useful mix: some mutations still parse (and reach the rules), most do not; accepted " + accepted);
    }

    private void exercise(byte[] input, String name) {
        try {
            Verdict<RecordingMetadata> metadata = parser.parse(input);
            assertNotNull(metadata);
            if (metadata.isAccepted()) {
                ChannelMap channels = rules.assign(java.util.Optional.of(metadata.value()),
                        List.of(new AudioLine(0, "96"), new AudioLine(1, "97"), new AudioLine(2, "")));
                assertEquals(3, channels.streams().size());
                assertNotNull(channels.explanation());
                new CallIdentityRule(null, CallIdentityRule.DEFAULT_EXTENSION_NAMES)
                        .decide(null, java.util.Optional.of(metadata.value()), "call-id");
            }
            for (String type : List.of("multipart/mixed;boundary=foobar", "multipart/mixed;boundary=b",
                    "application/sdp", "application/rs-metadata")) {
                Verdict<SiprecBody> body = SiprecBody.read(type, input, SiprecLimits.DEFAULT);
                assertNotNull(body);
                if (body.isAccepted()) {
                    body.value().sdp().ifPresent(sdp -> SdpLabels.audioLines(sdp.text()));
                    body.value().metadata().ifPresent(part -> parser.parse(part.content()));
                }
            }
        } catch (RuntimeException | AssertionError failure) {
            throw new AssertionError(name + " failed on: " + new String(input, StandardCharsets.ISO_8859_1), failure);
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes = splice(bytes, at, 0, new byte[] {(byte) SOUP.charAt(random.nextInt(SOUP.length()))});
                case 2 -> bytes = splice(bytes, at, Math.min(1 + random.nextInt(8), bytes.length - at), new byte[0]);
                default -> bytes = java.util.Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }
}
