package org.activerecorder.interfaces.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.activerecorder.domain.model.user.Role;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who may call an endpoint of the API: each resource method names one with {@link Allowed}, and {@link EntitlementCheck}
 * enforces it before the body is read, so a user who may not make the change at all gets 403 whatever the body says,
 * never a 400 about a body they were not entitled to send. The roles are those of the EJB's {@code @RolesAllowed},
 * which stays the inner guard (a caller that skips the resource still meets it); keep the two alike.
 */
enum Entitlement {

    /** {@code GET} of recordings and their audio ({@code RecordingCatalog}). */
    READ_RECORDINGS("read recordings", Role.admin, Role.supervisor, Role.auditor),
    /** {@code GET} of DNs, rules and a call's decisions ({@code DnDirectory}, {@code RuleCatalog}, {@code CallDecisions}). */
    READ_CONFIGURATION("read the DN configuration, the rules and the decisions", Role.admin, Role.supervisor,
            Role.auditor),
    /** {@code CallEvents.find}: the call as the recorder knows it; call-control clients may read what they sent. */
    READ_CALLS("read calls", Role.admin, Role.supervisor, Role.auditor, Role.control),
    /** The API's own document: every role (web.xml lets in those that use the API). */
    READ_API_DOCUMENT("read the API document", Role.values()),
    /** A user's own record and password ({@code UserDirectory.me}, {@code changeOwnPassword}): every role. */
    OWN_ACCOUNT("read yourself and change your own password", Role.values()),
    /** {@code DecisionPreview}: what the decider would decide for a sample call; those who run the recorder. */
    PREVIEW_DECISIONS("try the rules on a sample call", Role.admin, Role.supervisor),
    /** {@code DnDirectory} and {@code RuleCatalog}'s create, update, delete. */
    CONFIGURE("change the DN configuration and the rules", Role.admin),
    /** {@code CallEvents.apply}. */
    SEND_CALL_EVENTS("send call events", Role.admin, Role.control),
    /** {@code RecordingControl.apply}. */
    CONTROL_RECORDINGS("start, stop, pause or resume recordings", Role.admin, Role.supervisor, Role.control),
    /** {@code GET /api/metrics} (no EJB behind it: web.xml's constraint on the path is the other guard). */
    READ_METRICS("read the server's metrics", Role.admin, Role.metrics),
    /** {@code AuditTrail.search}. */
    READ_AUDIT("read the audit log", Role.admin, Role.auditor),
    /** {@code UserDirectory}'s list, find, create, change (a user's own record and password need only a login). */
    MANAGE_USERS("manage users", Role.admin),
    /** {@code SettingsCatalog.all}, {@code find}. */
    READ_SETTINGS("read the recorder's settings", Role.admin, Role.supervisor, Role.auditor),
    /** {@code SettingsCatalog.change}, {@code reset}. */
    CHANGE_SETTINGS("change the recorder's settings", Role.admin);

    private final String what;
    private final List<Role> roles;

    Entitlement(String what, Role... roles) {
        this.what = what;
        this.roles = List.of(roles);
    }

    /** The roles that may. */
    List<Role> roles() {
        return roles;
    }

    /** Nothing when the caller has one of the roles, else a 403 naming them. */
    void require(SecurityContext caller) {
        refusal(caller).ifPresent(message -> {
            throw new WebApplicationException(ApiError.response(Response.Status.FORBIDDEN, message));
        });
    }

    /** Why the caller may not, naming the roles that may; nothing when one of its roles allows it. */
    Optional<String> refusal(SecurityContext caller) {
        if (roles.stream().anyMatch(role -> caller.isUserInRole(role.name()))) {
            return Optional.empty();
        }
        return Optional.of("to " + what + " you need " + (roles.size() == 1 ? "the role " : "one of the roles ")
                + roles.stream().map(Role::name).collect(Collectors.joining(", ")));
    }
}
