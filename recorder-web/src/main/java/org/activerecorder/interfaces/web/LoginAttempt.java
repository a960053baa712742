package org.activerecorder.interfaces.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Which username a request tries to log in as, read before Elytron sees it: the user of an {@code Authorization:
 * Basic} header, or the {@code j_username} of a FORM login's POST to {@code j_security_check}. The form is parsed
 * with Undertow's own parser, which keeps what it parsed on the exchange, so the FORM mechanism and the servlet read
 * the same fields afterwards.
 */
final class LoginAttempt {

    static final String FORM_ACTION = "/j_security_check";

    private LoginAttempt() {
    }

    /** Whether the request posts the login form: its body must be read, so on a worker thread. */
    static boolean isFormLogin(HttpServerExchange exchange) {
        return Methods.POST.equals(exchange.getRequestMethod()) && exchange.getRelativePath().endsWith(FORM_ACTION);
    }

    /** The username tried, or null when the request carries no credentials (or ones nobody could log in with). */
    static String user(HttpServerExchange exchange) throws IOException {
        if (isFormLogin(exchange)) {
            return formUser(exchange);
        }
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon <= 0 ? null : pair.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String formUser(HttpServerExchange exchange) throws IOException {
        FormDataParser parser = FormParserFactory.builder().build().createParser(exchange);
        if (parser == null) {
            return null;
        }
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        FormData form = parser.parseBlocking();
        FormData.FormValue user = form.getFirst("j_username");
        return user == null || user.isFileItem() || user.getValue().isEmpty() ? null : user.getValue();
    }
}
