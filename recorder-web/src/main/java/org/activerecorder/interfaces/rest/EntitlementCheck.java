package org.activerecorder.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Enforces each resource method's {@link Allowed} decision once the request is matched and before its body is read:
 * a caller without one of the roles gets a JSON 403 naming them, whatever the body says. A method with no decision is
 * refused to everyone (closed by default). web.xml's constraints run first and may narrow further (the metrics path);
 * the EJBs' {@code @RolesAllowed} stay the inner guard.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class EntitlementCheck implements ContainerRequestFilter {

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Entitlement decided = decision(resource.getResourceMethod()).orElseThrow(() -> new WebApplicationException(
                ApiError.response(Response.Status.FORBIDDEN, "this endpoint has no role decision, so nobody may call it")));
        decided.require(request.getSecurityContext());
    }

    /** The method's decision; none when it has no {@link Allowed}. */
    static Optional<Entitlement> decision(Method method) {
        return Optional.ofNullable(method).map(m -> m.getAnnotation(Allowed.class)).map(Allowed::value);
    }
}
