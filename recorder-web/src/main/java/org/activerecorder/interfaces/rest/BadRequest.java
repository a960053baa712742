package org.activerecorder.interfaces.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** A request the API cannot take, with a message saying what to change. Answered 400 with an {@link ApiError}. */
public class BadRequest extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(message, ApiError.response(Response.Status.BAD_REQUEST, message));
    }
}
