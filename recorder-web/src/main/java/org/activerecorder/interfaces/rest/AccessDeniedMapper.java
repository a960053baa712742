package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A logged-in user whose roles do not allow the operation gets 403 with a JSON body. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {
    @Override
    public Response toResponse(EJBAccessException exception) {
        return ApiError.response(Response.Status.FORBIDDEN, "your roles do not allow this");
    }
}
