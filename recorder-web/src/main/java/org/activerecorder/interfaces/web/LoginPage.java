package org.activerecorder.interfaces.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;

/**
 * The FORM login page, and the reason it is a servlet: the WAR offers BASIC (for API clients, never
 * challenged) and FORM (for browsers), and FORM answers every unauthenticated request by forwarding here.
 * A browser should see the form; an API client should see {@code 401} with a Basic challenge and a JSON
 * message, not an HTML page with {@code 200}. The forward keeps the original path, which tells them apart.
 */
@WebServlet(urlPatterns = LoginPage.PATH)
public class LoginPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    public static final String PATH = "/login";
    static final String REALM = "Recorder"; // as the BASIC mechanism names it (security.cli)

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (isApiRequest(request)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"status\":401,\"error\":\"Unauthorized\","
                    + "\"message\":\"log in with HTTP Basic authentication (Authorization: Basic ...)\"}");
            return;
        }
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        try (InputStream page = getServletContext().getResourceAsStream("/WEB-INF/login-form.html")) {
            response.getOutputStream().write(page.readAllBytes());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    /**
     * Every other method too: FORM forwards an unauthenticated {@code PUT} or {@code DELETE} here with its method,
     * and HttpServlet would answer it 405 instead of 401.
     */
    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    static boolean isApiRequest(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH);
        return isApiPath(original != null ? original.toString() : request.getServletPath());
    }

    /** Whether a path inside the application is the API's, whose answers are JSON, never a page. */
    static boolean isApiPath(String path) {
        return path.startsWith("/api/") || path.equals("/api");
    }

}
