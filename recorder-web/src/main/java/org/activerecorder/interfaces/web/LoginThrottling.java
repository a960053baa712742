package org.activerecorder.interfaces.web;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Puts {@link ThrottledLogins} in front of this WAR's security handlers (Undertow's initial handler chain), with the
 * limits of the server's system properties (wildfly-config system-properties.cli; docs/users.md):
 * {@code recorder.login.free-user-failures}, {@code recorder.login.free-address-failures},
 * {@code recorder.login.first-delay-ms}, {@code recorder.login.max-delay-seconds},
 * {@code recorder.login.forget-after-seconds}, {@code recorder.login.known-address-hours}.
 * Registered in {@code META-INF/services/io.undertow.servlet.ServletExtension}.
 */
public class LoginThrottling implements ServletExtension {

    private static final Logger LOG = Logger.getLogger(LoginThrottling.class.getName());

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        LoginThrottle.Limits limits = limits();
        LOG.info(() -> "Failed logins to " + context.getContextPath() + "/ are throttled: " + limits);
        LoginThrottle throttle = new LoginThrottle(limits);
        deployment.addInitialHandlerChainWrapper(next -> new ThrottledLogins(next, throttle, context,
                System::nanoTime));
    }

    static LoginThrottle.Limits limits() {
        long maxDelay = Duration.ofSeconds(setting("recorder.login.max-delay-seconds", 60)).toNanos();
        return new LoginThrottle.Limits(
                (int) setting("recorder.login.free-user-failures", 5),
                (int) setting("recorder.login.free-address-failures", 20),
                Duration.ofMillis(setting("recorder.login.first-delay-ms", 1000)).toNanos(),
                maxDelay,
                Math.max(maxDelay, Duration.ofSeconds(setting("recorder.login.forget-after-seconds", 900)).toNanos()),
                Duration.ofHours(setting("recorder.login.known-address-hours", 720)).toNanos());
    }

    private static long setting(String name, long fallback) {
        String value = System.getProperty(name);
        try {
            return value == null || value.isBlank() ? fallback : Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }
}
