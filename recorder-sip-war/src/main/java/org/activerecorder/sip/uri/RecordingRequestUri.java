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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A Genesys Media Server recording request, read from the Request-URI
 * {@code sip:record=<recording-id>@<recorder>;calluuid=<CallUUID>;dn=<DN>;recordDN=<DN>[;other=params]}.
 *
 * <p>The user part is {@code record=<id>} (RFC 3261 allows {@code =} in a user part). Parameter names
 * compare case-insensitively, as RFC 3261 §19.1.4 says for URI parameters. Escaped characters
 * ({@code %23} for {@code #} in a DN) are decoded before validation. Parameters other than the three
 * identity ones are kept as recording attributes, names in lower case, except the SIP routing parameters
 * ({@code transport, lr, maddr, ttl, user, method}), which describe the hop, not the call.
 *
 * @param requestId  the Media Server's id of the recording session
 * @param callUuid   the call the session belongs to
 * @param dn         the DN whose audio this session carries
 * @param recordDn   the DN that asked for the recording
 * @param attributes the other URI parameters, lower-case name to decoded value ("" for a bare name)
 */
public record RecordingRequestUri(RecordingRequestId requestId, CallUuid callUuid, Dn dn, Dn recordDn,
                                  Map<String, String> attributes) {

    static final String USER_PREFIX = "record=";
    static final String CALL_UUID = "calluuid";
    static final String DN = "dn";
    static final String RECORD_DN = "recorddn";
    private static final Set<String> ROUTING_PARAMETERS = Set.of("transport", "lr", "maddr", "ttl", "user", "method");
    private static final Set<String> IDENTITY_PARAMETERS = Set.of(CALL_UUID, DN, RECORD_DN);

    public RecordingRequestUri {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(callUuid, "callUuid");
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(recordDn, "recordDn");
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Reads a Request-URI.
     *
     * @throws RequestRejected 404 when the URI is not a recording request at all; 400 naming the parameter
     *                         when a recording request lacks a valid record id, calluuid, dn or recordDN
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

        Map<String, String> attributes = new LinkedHashMap<>(parameters);
        attributes.keySet().removeAll(IDENTITY_PARAMETERS);
        attributes.keySet().removeAll(ROUTING_PARAMETERS);
        return new RecordingRequestUri(id, callUuid, dn, recordDn, attributes);
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
