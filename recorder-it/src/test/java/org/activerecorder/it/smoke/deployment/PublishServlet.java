package org.activerecorder.it.smoke.deployment;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Publishes the request body on RecordingEvents through {@link EventPublisher}; administrators only. */
@WebServlet("/admin/publish")
@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
public class PublishServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient EventPublisher publisher;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        publisher.publish(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
