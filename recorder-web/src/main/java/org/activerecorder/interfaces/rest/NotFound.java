package org.activerecorder.interfaces.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Nothing at this path, with a message saying what exists. Answered 404 with an {@link ApiError}. */
public class NotFound extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message, ApiError.response(Response.Status.NOT_FOUND, message));
    }
}
