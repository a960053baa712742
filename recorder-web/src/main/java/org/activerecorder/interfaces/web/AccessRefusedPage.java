package org.activerecorder.interfaces.web;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.activerecorder.domain.model.user.Role;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the container shows when its security constraints refuse a logged-in user (the 403 error page of web.xml):
 * the API's JSON error for an API path, as every other API error, and for a console page a page that says who is
 * logged in, with which roles, and where they may go, instead of the server's bare "Forbidden".
 *
 * <p>Only the container's own refusals come here: the resources answer theirs with {@code ApiError} themselves.
 */
@WebServlet(urlPatterns = AccessRefusedPage.PATH)
public class AccessRefusedPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    public static final String PATH = "/refused";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        String user = request.getUserPrincipal() == null ? "nobody" : request.getUserPrincipal().getName();
        String roles = Arrays.stream(Role.values()).map(Role::name)
                .filter(request::isUserInRole).collect(Collectors.joining(", "));
        String refused = refusedPath(request);
        if (LoginPage.isApiPath(refused)) {
            response.setContentType("application/json");
            response.getWriter().write(Json.createObjectBuilder().add("status", 403).add("error", "Forbidden")
                    .add("message", user + " (roles: " + (roles.isEmpty() ? "none" : roles) + ") may not use "
                            + refused).build().toString());
            return;
        }
        response.setContentType("text/html");
        boolean console = request.isUserInRole("admin") || request.isUserInRole("supervisor")
                || request.isUserInRole("auditor");
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>Not for your roles — Active Recorder</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/recorder.css\">\n"
                + "<link rel=\"icon\" href=\"data:,\">\n</head>\n<body>\n<header><h1>Active Recorder</h1></header>\n"
                + "<main>\n<h2>Not for your roles</h2>\n<p class=\"error\" id=\"refused\">" + escape(user)
                + " (roles: " + escape(roles.isEmpty() ? "none" : roles) + ") may not open " + escape(refused)
                + ".</p>\n<p>" + (console
                ? "<a id=\"to-dashboard\" href=\"" + request.getContextPath() + "/dashboard.xhtml\">Go to the dashboard</a>"
                : "This account is for the API and JMS, not the console.")
                + " An administrator can give an account more roles on the Users page.</p>\n"
                + "<p><a href=\"" + request.getContextPath() + "/password.xhtml\">My password</a></p>\n"
                + "</main>\n</body>\n</html>\n");
    }

    /** The path the container refused, inside the application. */
    private static String refusedPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri == null) {
            return request.getServletPath();
        }
        String path = uri.toString();
        return path.startsWith(request.getContextPath()) ? path.substring(request.getContextPath().length()) : path;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
