package org.activerecorder.interfaces.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body read as UTF-8 text, at most a bound: read here rather than by a JSON provider, so that an oversized
 * body is refused before it is parsed, and an absent one is the caller's to judge (optional for control, required
 * for a DN or a rule).
 */
final class BoundedBody {

    private BoundedBody() {
    }

    /**
     * The body's text; empty when there is none.
     *
     * @param what names the body in the refusal, e.g. "the body" or "the call event"
     * @throws BadRequest when it is larger than {@code maxBytes} or cannot be read
     */
    static String read(InputStream body, int maxBytes, String what) {
        if (body == null) {
            return "";
        }
        try {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new BadRequest(what + " is larger than " + maxBytes + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadRequest("the body could not be read: " + e.getMessage());
        }
    }
}
