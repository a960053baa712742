package org.activerecorder.application.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where the current HTTP request came from, set by the web tier before its resources run; the EJBs that write audit
 * entries cannot see the request themselves. Outside a request (a timer, a message) there is none.
 */
@RequestScoped
public class AuditOrigin {

    private String address;

    public String address() {
        return address;
    }

    public void address(String remoteAddress) {
        this.address = remoteAddress;
    }
}
