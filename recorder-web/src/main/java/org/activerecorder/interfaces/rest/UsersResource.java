package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.activerecorder.application.users.UserDirectory;
import org.activerecorder.application.users.UserRefused;
import org.activerecorder.application.users.UserView;

import java.io.InputStream;
import java.util.List;

/**
 * {@code /api/users}: the users (role {@code admin}): {@code GET} lists them, {@code POST} creates one,
 * {@code GET/PUT /api/users/{username}} read and change one (roles, password, enabled: disabling is how a user is
 * removed, as the audit log keeps naming them). {@code GET /api/users/me} and {@code PUT /api/users/me/password} are
 * every logged-in user's own. Passwords are never returned. docs/users.md.
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    private UserDirectory users;

    @Context
    private UriInfo uri;

    @GET
    @Allowed(Entitlement.MANAGE_USERS)
    public List<UserView> list() {
        return users.all();
    }

    @POST
    @Allowed(Entitlement.MANAGE_USERS)
    public Response create(InputStream body) {
        try {
            UserView created = users.create(UserBodies.NewUserBody.read(body));
            return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build()).entity(created)
                    .build();
        } catch (UserRefused refused) {
            return refusal(refused);
        }
    }

    @GET
    @Path("me")
    @Allowed(Entitlement.OWN_ACCOUNT)
    public Response me() {
        try {
            return Response.ok(users.me()).build();
        } catch (UserRefused refused) {
            return refusal(refused);
        }
    }

    @PUT
    @Path("me/password")
    @Allowed(Entitlement.OWN_ACCOUNT)
    public Response changeOwnPassword(InputStream body) {
        List<String> passwords = UserBodies.PasswordChangeBody.read(body);
        try {
            users.changeOwnPassword(passwords.get(0), passwords.get(1));
            return Response.noContent().build();
        } catch (UserRefused refused) {
            return refusal(refused);
        }
    }

    @GET
    @Path("{username}")
    @Allowed(Entitlement.MANAGE_USERS)
    public Response get(@PathParam("username") String username) {
        try {
            return Response.ok(users.find(username)).build();
        } catch (UserRefused refused) {
            return refusal(refused);
        }
    }

    @PUT
    @Path("{username}")
    @Allowed(Entitlement.MANAGE_USERS)
    public Response change(@PathParam("username") String username, InputStream body) {
        try {
            return Response.ok(users.change(username, UserBodies.UserChangeBody.read(body))).build();
        } catch (UserRefused refused) {
            return refusal(refused);
        }
    }

    private static Response refusal(UserRefused refused) {
        return switch (refused.reason()) {
            case INVALID -> JsonBody.invalid(refused.problems()).getResponse();
            case UNKNOWN -> ApiError.response(Response.Status.NOT_FOUND, refused.getMessage());
            case DUPLICATE, LAST_ADMIN -> ApiError.response(Response.Status.CONFLICT, refused.getMessage());
            case WRONG_PASSWORD -> ApiError.response(Response.Status.BAD_REQUEST, refused.getMessage());
        };
    }
}
