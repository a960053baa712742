package org.activerecorder.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;

/**
 * {@code GET /api/openapi.yaml}: the API's OpenAPI document, {@code docs/openapi.yaml} as built into the WAR, for
 * clients that read it here with their login. It is written by hand, next to the code, and {@code OpenApiDocumentTest}
 * fails the build when it and the resources disagree. WildFly's MicroProfile OpenAPI serves the same file (the WAR's
 * {@code META-INF/openapi.yaml}, scanning off) at {@code /openapi}.
 */
@Path("openapi.yaml")
@RequestScoped
public class OpenApiResource {

    static final String DOCUMENT = "openapi.yaml";
    static final String YAML = "application/yaml";

    @GET
    @Produces(YAML)
    @Allowed(Entitlement.READ_API_DOCUMENT)
    public Response document() {
        InputStream document = OpenApiResource.class.getResourceAsStream(DOCUMENT);
        if (document == null) {
            return ApiError.response(Response.Status.NOT_FOUND, "this build has no OpenAPI document; see"
                    + " docs/openapi.yaml in the source");
        }
        return Response.ok(document, YAML).build();
    }
}
