package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.activerecorder.application.users.UserDirectory;
import org.activerecorder.application.users.UserRefused;
import org.activerecorder.application.users.UserView;

import java.io.IOException;

/**
 * An administrator whose password was chosen for them (the first administrator's generated password, or one an
 * administrator set) is sent to {@code password.xhtml} from every other console page until they have chosen their
 * own: the console asks at the first login through it. Other users are told on that page but not held there (an
 * auditor's first look at a recording is not blocked). The API is not gated: its clients get the same rule from
 * {@code /api/users/me}'s {@code mustChangePassword}.
 *
 * <p>Asked once per HTTP session: once the password is the user's own the session remembers it, and changing the
 * password ends every session of the user anyway ({@link RevokedSessions}).
 */
@WebFilter(urlPatterns = "*.xhtml")
public class FirstPasswordGate extends HttpFilter {
    private static final long serialVersionUID = 1L;

    static final String PAGE = "password.xhtml";
    private static final String CHOSEN = FirstPasswordGate.class.getName() + ".chosen";

    @EJB
    private UserDirectory users;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (request.getUserPrincipal() == null || session == null || session.getAttribute(CHOSEN) != null
                || request.getRequestURI().endsWith("/" + PAGE)) {
            chain.doFilter(request, response);
            return;
        }
        if (mustChooseFirst(request)) {
            response.sendRedirect(request.getContextPath() + "/" + PAGE);
            return;
        }
        session.setAttribute(CHOSEN, Boolean.TRUE);
        chain.doFilter(request, response);
    }

    private boolean mustChooseFirst(HttpServletRequest request) {
        if (!request.isUserInRole("admin")) {
            return false;
        }
        try {
            UserView me = users.me();
            return me.mustChangePassword();
        } catch (UserRefused unknown) {
            return false; // not in the recorder's directory (e.g. a management user): nothing to choose here
        }
    }
}
