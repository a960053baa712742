package org.activerecorder.interfaces.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a resource method: its one role decision, enforced by {@link EntitlementCheck} before the body is read.
 * Every resource method carries one; a method without is refused to everyone, and EndpointRolesTest fails the build.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Allowed {
    Entitlement value();
}
