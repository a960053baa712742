package org.activerecorder.interfaces.rest;

import jakarta.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The roles each change needs, as the EJBs' {@code @RolesAllowed} say, and what a caller without them is told (the
 * 403 itself is built by the JAX-RS runtime, absent here: the ITs check it).
 */
class EntitlementTest {

    @Test
    void onlyAnAdminConfiguresAndTheRefusalNamesTheRole() {
        assertEquals(Optional.empty(), Entitlement.CONFIGURE.refusal(caller("admin")));
        assertEquals(Optional.of("to change the DN configuration and the rules you need the role admin"),
                Entitlement.CONFIGURE.refusal(caller("supervisor", "auditor", "control")));
    }

    @Test
    void recordingsAreControlledByAdminSupervisorAndControlNeverByAnAuditor() {
        for (String role : Set.of("admin", "supervisor", "control")) {
            assertEquals(Optional.empty(), Entitlement.CONTROL_RECORDINGS.refusal(caller(role)), role);
        }
        assertEquals(Optional.of("to start, stop, pause or resume recordings you need one of the roles admin,"
                + " supervisor, control"), Entitlement.CONTROL_RECORDINGS.refusal(caller("auditor")));
    }

    @Test
    void callEventsComeFromAdminOrControl() {
        assertEquals(Optional.empty(), Entitlement.SEND_CALL_EVENTS.refusal(caller("control")));
        assertEquals(Optional.empty(), Entitlement.SEND_CALL_EVENTS.refusal(caller("admin")));
        assertEquals(Optional.of("to send call events you need one of the roles admin, control"),
                Entitlement.SEND_CALL_EVENTS.refusal(caller("supervisor", "auditor")));
    }
    private static SecurityContext caller(String... roles) {
        Set<String> held = Set.of(roles);
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> "someone";
            }

            @Override
            public boolean isUserInRole(String role) {
                return held.contains(role);
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return SecurityContext.BASIC_AUTH;
            }
        };
    }
}
