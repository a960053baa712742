package org.activerecorder.sip.uri;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A Genesys Media Server recording request, read from the Request-URI, in one of its two shapes:
 * <ul>
 *   <li>one session per party: {@code sip:record=<id>@<recorder>;calluuid=<CallUUID>;dn=<DN>;recordDN=<DN>}, whose
 *       one audio m-line carries the party {@code dn};</li>
 *   <li>one session for both parties: {@code ...;dn=<DN1>;otherDN=<DN2>;recordDN=<DN>} with two audio m-lines.</li>
 * </ul>
 * <b>Which line is which party</b> ({@link #partyOfAudioLine}): the offer's first audio m-line carries {@code dn}, its
 * second {@code otherDN}, counted among the audio m-lines only (a video line between them does not shift them) and
 * counting a disabled audio line (port 0) too, since its position still says whose it would be. As in the
 * per-party shape, the party whose DN is {@code recordDN} is the recorded one (the left channel).
 *
 * <p>The user part is {@code record=<id>} (RFC 3261 allows {@code =} in a user part). Parameter names
 * compare case-insensitively, as RFC 3261 §19.1.4 says for URI parameters. Escaped characters
 * ({@code %23} for {@code #} in a DN) are decoded before validation. Parameters other than the identity ones
 * ({@code calluuid, dn, recordDN}) are kept as recording attributes, names in lower case, except the SIP routing
 * parameters ({@code transport, lr, maddr, ttl, user, method}), which describe the hop, not the call;
 * {@code otherDN} is kept too, so a recording of one party still names the other.
 *
 * <p><b>Bounds.</b> An attribute name over {@value #MAX_ATTRIBUTE_NAME} characters or a value over
 * {@value #MAX_ATTRIBUTE_VALUE} (what the database keeps) is a 400 naming the parameter: a value cut short would be
 * stored as another value than the one sent, silently. Past {@value #MAX_ATTRIBUTES} attributes the rest are left
 * out with a warning in the log ({@link #omittedAttributes}): an extra vendor parameter never makes a call less
 * worth recording, and refusing the session for it would lose the call's audio for the sake of its labels.
 *
 * @param requestId  the Media Server's id of the recording session
 * @param callUuid   the call the session belongs to
 * @param dn         the DN whose audio the session's first audio m-line carries
 * @param otherDn    the DN of the second audio m-line (one session for both parties), or {@code null}
 * @param recordDn   the DN that asked for the recording
 * @param attributes the other URI parameters, lower-case name to decoded value ("" for a bare name), at most
 *                   {@value #MAX_ATTRIBUTES}
 * @param omittedAttributes the names of the parameters left out past the bound, in URI order
 */
public record RecordingRequestUri(RecordingRequestId requestId, CallUuid callUuid, Dn dn, Dn otherDn, Dn recordDn,
                                  Map<String, String> attributes, List<String> omittedAttributes) {

    /** Recording attributes kept at most; the database could hold more, a person reading them would not. */
    public static final int MAX_ATTRIBUTES = 32;
    /** The database's {@code recording_attribute.name} column. */
    public static final int MAX_ATTRIBUTE_NAME = 64;
    /** The database's {@code recording_attribute.attr_value} column. */
    public static final int MAX_ATTRIBUTE_VALUE = 512;

    static final String USER_PREFIX = "record=";
    static final String CALL_UUID = "calluuid";
    static final String DN = "dn";
    static final String OTHER_DN = "otherdn";
    static final String RECORD_DN = "recorddn";
    private static final Set<String> ROUTING_PARAMETERS = Set.of("transport", "lr", "maddr", "ttl", "user", "method");
    private static final Set<String> IDENTITY_PARAMETERS = Set.of(CALL_UUID, DN, RECORD_DN);

    public RecordingRequestUri {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(callUuid, "callUuid");
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(recordDn, "recordDn");
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        omittedAttributes = omittedAttributes == null ? List.of() : List.copyOf(omittedAttributes);
    }

    /**
     * Reads a Request-URI.
     *
     * @throws RequestRejected 404 when the URI is not a recording request at all; 400 naming the parameter
     *                         when a recording request lacks a valid record id, calluuid, dn or recordDN, has an
     *                         invalid otherDN, or a parameter too long to keep
     */
    public static RecordingRequestUri parse(URI requestUri) throws RequestRejected {
        if (!(requestUri instanceof SipURI sipUri) || sipUri.getUser() == null) {
            throw new RequestRejected(Rejection.notARecordingRequest());
        }
        String user = decode(sipUri.getUser(), "recording id (record=ID)");
        if (!user.regionMatches(true, 0, USER_PREFIX, 0, USER_PREFIX.length())) {
            throw new RequestRejected(Rejection.notARecordingRequest());
        }
        Map<String, String> parameters = parameters(sipUri);
        RecordingRequestId id = valid("recording id (record=ID)", user.substring(USER_PREFIX.length()),
                RecordingRequestId::new);
        CallUuid callUuid = valid("calluuid parameter", required(parameters, CALL_UUID, "calluuid parameter"),
                CallUuid::new);
        Dn dn = valid("dn parameter", required(parameters, DN, "dn parameter"), Dn::new);
        Dn recordDn = valid("recordDN parameter", required(parameters, RECORD_DN, "recordDN parameter"), Dn::new);
        String other = parameters.get(OTHER_DN);
        Dn otherDn = other == null ? null : valid("otherDN parameter", other, Dn::new);

        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> omitted = new ArrayList<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (IDENTITY_PARAMETERS.contains(name) || ROUTING_PARAMETERS.contains(name)) {
                continue;
            }
            checkLength(name, parameter.getValue());
            if (attributes.size() < MAX_ATTRIBUTES) {
                attributes.put(name, parameter.getValue());
            } else {
                omitted.add(name);
            }
        }
        return new RecordingRequestUri(id, callUuid, dn, otherDn, recordDn, attributes, omitted);
    }

    /**
     * The party whose audio the offer's {@code ordinal}-th audio m-line (from 0, among audio m-lines only) carries:
     * {@code dn} for the first, {@code otherDN} for the second; empty when the URI names no party for it.
     */
    public Optional<Dn> partyOfAudioLine(int ordinal) {
        return switch (ordinal) {
            case 0 -> Optional.of(dn);
            case 1 -> Optional.ofNullable(otherDn);
            default -> Optional.empty();
        };
    }

    /** How many audio m-lines the URI names a party for: 1, or 2 with {@code otherDN}. */
    public int parties() {
        return otherDn == null ? 1 : 2;
    }

    private static void checkLength(String name, String value) throws RequestRejected {
        if (name.length() > MAX_ATTRIBUTE_NAME) {
            throw new RequestRejected(Rejection.invalidUriParameter("parameter " + clip(name),
                    "name longer than " + MAX_ATTRIBUTE_NAME + " characters"));
        }
        if (value.length() > MAX_ATTRIBUTE_VALUE) {
            throw new RequestRejected(Rejection.invalidUriParameter(name + " parameter",
                    "value longer than " + MAX_ATTRIBUTE_VALUE + " characters"));
        }
    }

    private static String clip(String name) {
        return name.substring(0, 24) + "...";
    }

    /** The URI's parameters, names lower-cased (the first spelling wins), values decoded. */
    private static Map<String, String> parameters(SipURI uri) throws RequestRejected {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Iterator<?> names = uri.getParameterNames(); names.hasNext(); ) {
            String name = (String) names.next();
            String value = uri.getParameter(name);
            String key = name.toLowerCase(Locale.ROOT);
            parameters.putIfAbsent(key, value == null ? "" : decode(value, key + " parameter"));
        }
        return parameters;
    }

    private static String required(Map<String, String> parameters, String key, String name) throws RequestRejected {
        String value = parameters.get(key);
        if (value == null || value.isEmpty()) {
            throw new RequestRejected(Rejection.missingUriParameter(name));
        }
        return value;
    }

    /** Builds a domain value; its own validation message becomes the reason of the 400. */
    private static <T> T valid(String name, String value, Function<String, T> constructor) throws RequestRejected {
        if (value.isEmpty()) {
            throw new RequestRejected(Rejection.missingUriParameter(name));
        }
        try {
            return constructor.apply(value);
        } catch (IllegalArgumentException invalid) {
            throw new RequestRejected(Rejection.invalidUriParameter(name, invalid.getMessage()));
        }
    }

    /**
     * Decodes RFC 3261 escapes ({@code %XX}, UTF-8). Not {@link java.net.URLDecoder}: that one turns
     * {@code +} into a space, and {@code +} is a legal DN character (E.164 numbers).
     */
    static String decode(String text, String name) throws RequestRejected {
        if (text.indexOf('%') < 0) {
            return text;
        }
        // '%' and hex digits are ASCII, so they can be found in the UTF-8 bytes directly.
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                bytes.write(in[i]);
                continue;
            }
            int high = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int low = high >= 0 ? Character.digit(in[i + 2], 16) : -1;
            if (low < 0) {
                throw new RequestRejected(Rejection.invalidUriParameter(name, "broken %-escape"));
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
