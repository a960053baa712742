package org.activerecorder.interfaces.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.activerecorder.application.users.AccountRevocations;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;

/**
 * Ends a browser's session when an administrator disabled its user or changed their roles or password after it
 * began. The realm is asked at every BASIC request, so an API client is refused at once; but Elytron keeps a FORM
 * login's identity, roles included, in the HTTP session, so without this a disabled user would stay logged in until
 * the session timed out. The next request logs in again, as the account now is.
 */
@WebFilter(urlPatterns = "/*")
public class RevokedSessions extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    private AccountRevocations revocations;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal user = request.getUserPrincipal();
        HttpSession session = request.getSession(false);
        if (user != null && session != null
                && revocations.revoked(user.getName(), Instant.ofEpochMilli(session.getCreationTime()))) {
            session.invalidate();
            if (LoginPage.isApiRequest(request)) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("{\"status\":401,\"error\":\"Unauthorized\",\"message\":"
                        + "\"your account was changed by an administrator: log in again\"}");
            } else {
                response.sendRedirect(request.getRequestURI());
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
