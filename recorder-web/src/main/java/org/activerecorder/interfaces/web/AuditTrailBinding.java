package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.activerecorder.application.audit.AuditTrail;

/**
 * Hands the audit trail to {@link ThrottledLogins}, which runs in Undertow's handler chain before the servlet
 * container and so cannot have it injected: a servlet context attribute it reads when it refuses a login.
 */
@WebListener
public class AuditTrailBinding implements ServletContextListener {

    static final String ATTRIBUTE = AuditTrailBinding.class.getName();

    @EJB
    private AuditTrail audit;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().setAttribute(ATTRIBUTE, audit);
    }
}
