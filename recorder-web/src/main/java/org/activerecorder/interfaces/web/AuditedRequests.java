package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.activerecorder.application.audit.AuditOrigin;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;

import java.io.IOException;
import java.security.Principal;

/**
 * Tells the audit trail where each request came from, and records logins. Elytron authenticates before any of our
 * code runs and offers no hook short of a custom server module, so a login is recorded here, at the first
 * authenticated request that reaches the WAR: for a browser (FORM), the first request of its HTTP session; for an API
 * client (BASIC, no session kept), the first request of a user from an address in {@link RecentLogins#WINDOW}, so
 * that a desktop calling every second is not one entry per call. A failed login never reaches the WAR's filters;
 * repeated ones are slowed and audited before Elytron by {@link ThrottledLogins} (docs/users.md).
 */
@WebFilter(urlPatterns = "/*")
public class AuditedRequests extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private static final String LOGGED_IN = AuditedRequests.class.getName() + ".loggedIn";

    @Inject
    private AuditOrigin origin;

    @EJB
    private AuditTrail audit;

    private final transient RecentLogins recent = new RecentLogins();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        origin.address(request.getRemoteAddr());
        Principal user = request.getUserPrincipal();
        if (user != null && isNewLogin(request, user.getName())) {
            audit.record(AuditAction.LOGIN, AuditTarget.user(user.getName()),
                    request.getAuthType() + " " + request.getMethod() + " " + request.getRequestURI());
        }
        chain.doFilter(request, response);
    }

    private boolean isNewLogin(HttpServletRequest request, String user) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return recent.firstIn(user, request.getRemoteAddr(), System.nanoTime());
        }
        synchronized (session) {
            if (user.equals(session.getAttribute(LOGGED_IN))) {
                return false;
            }
            session.setAttribute(LOGGED_IN, user);
            return true;
        }
    }
}
