package org.activerecorder.it.smoke.deployment;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The caller as the web container knows it: name and which of the recorder's roles it has. */
@WebServlet("/secure/whoami")
@ServletSecurity(@HttpConstraint(rolesAllowed = {"admin", "supervisor", "auditor", "events"}))
public class WhoAmIServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String[] ROLES = {"admin", "supervisor", "auditor", "events"};

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObjectBuilder roles = Json.createObjectBuilder();
        for (String role : ROLES) {
            roles.add(role, request.isUserInRole(role));
        }
        response.setContentType("application/json");
        response.getWriter().write(Json.createObjectBuilder()
                .add("user", request.getUserPrincipal().getName())
                .add("authType", String.valueOf(request.getAuthType()))
                .add("roles", roles)
                .build().toString());
    }
}
