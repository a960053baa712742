package org.activerecorder.sip.handler;

import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import javax.sip.header.Header;
import javax.sip.header.OptionTag;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SIP extensions (option tags, RFC 3261 §19.2) the recorder implements, in one place: the {@code Supported}
 * header of its answers lists them, and a request whose {@code Require} names any other is refused with 420 and an
 * {@code Unsupported} header naming the tags we lack (RFC 3261 §8.2.2.3).
 *
 * <ul>
 *   <li>{@code siprec}: RFC 7866, the recording session a SIPREC client asks for;</li>
 *   <li>{@code timer}: RFC 4028 session timers, either side refreshing as §9 says ({@link SessionTimerPolicy}).</li>
 * </ul>
 * Nothing else: no reliable provisional responses ({@code 100rel}), no {@code replaces}, no GRUU.
 */
final class OptionTags {

    static final String SIPREC = "siprec";
    static final String TIMER = "timer";

    /** What we support, in the order the Supported header lists it. */
    static final List<String> SUPPORTED = List.of(SIPREC, TIMER);

    /** The value of our Supported header. */
    static final String SUPPORTED_HEADER = String.join(", ", SUPPORTED);

    private OptionTags() {
    }

    /**
     * The tags the request's {@code Require} headers name that we do not support, each once, in the order given,
     * as the sender wrote them; empty when we support them all. ACK and CANCEL are never refused for their Require
     * (RFC 3261 §8.2.2.3): callers do not ask for them.
     */
    static List<String> unsupported(Request request) {
        Set<String> missing = new LinkedHashSet<>();
        for (Iterator<?> headers = request.getHeaders(RequireHeader.NAME); headers.hasNext(); ) {
            for (String tag : tags((Header) headers.next())) {
                if (!SUPPORTED.contains(tag.toLowerCase(Locale.ROOT))) {
                    missing.add(tag);
                }
            }
        }
        return new ArrayList<>(missing);
    }

    /**
     * Refuses a request that requires an extension we lack.
     *
     * @throws RequestRejected 420 with Unsupported naming the missing tags
     */
    static void check(Request request) throws RequestRejected {
        List<String> missing = unsupported(request);
        if (!missing.isEmpty()) {
            throw new RequestRejected(Rejection.badExtension(missing));
        }
    }

    /** Whether the request's Supported or Require headers name {@code tag}. */
    static boolean named(Request request, String headerName, String tag) {
        for (Iterator<?> headers = request.getHeaders(headerName); headers.hasNext(); ) {
            for (String named : tags((Header) headers.next())) {
                if (named.equalsIgnoreCase(tag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The tags of one header: JAIN-SIP keeps one header object per tag, but a raw list is split too. */
    private static List<String> tags(Header header) {
        String text = header instanceof OptionTag option ? option.getOptionTag() : null;
        if (text == null) {
            text = header.toString();
            int colon = text.indexOf(':');
            text = colon < 0 ? text : text.substring(colon + 1);
        }
        List<String> tags = new ArrayList<>();
        for (String tag : text.split(",")) {
            if (!tag.isBlank()) {
                tags.add(tag.strip());
            }
        }
        return tags;
    }
}
