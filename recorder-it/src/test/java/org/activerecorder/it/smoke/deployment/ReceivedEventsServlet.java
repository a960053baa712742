package org.activerecorder.it.smoke.deployment;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The events the MDB received, as a JSON array of their texts. */
@WebServlet("/received")
public class ReceivedEventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient ReceivedEvents received;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write(Json.createArrayBuilder(received.all()).build().toString());
    }
}
