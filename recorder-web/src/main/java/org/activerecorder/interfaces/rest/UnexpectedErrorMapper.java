package org.activerecorder.interfaces.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error the API answers is JSON: JAX-RS's own (404 for an unknown path, 405, 406...) keep their
 * status; anything unexpected is logged and answered 500 without internals.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        if (exception instanceof WebApplicationException web) {
            Response original = web.getResponse();
            if (original.hasEntity()) {
                return original;
            }
            Response.Status status = Response.Status.fromStatusCode(original.getStatus());
            return ApiError.response(status == null ? Response.Status.BAD_REQUEST : status,
                    exception.getMessage() == null ? "request refused" : exception.getMessage());
        }
        LOG.log(Level.SEVERE, "API request failed", exception);
        return ApiError.response(Response.Status.INTERNAL_SERVER_ERROR,
                "the recorder could not answer; the server log says why");
    }
}
