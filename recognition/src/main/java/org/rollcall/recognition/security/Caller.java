package org.rollcall.recognition.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotFoundException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.rollcall.events.Claims;

/** The verified caller: its organization bounds everything it may read or change. */
@RequestScoped
public class Caller {
    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String orgId() {
        String org = jwt.getClaim(Claims.ORG);
        return org == null || org.isBlank() ? null : org;
    }

    /** Requests naming another organization are answered as if it did not exist. */
    public void requireOrg(String orgId) {
        if (orgId == null || !orgId.equals(orgId())) {
            throw new NotFoundException();
        }
    }

    public String subject() {
        return jwt.getSubject();
    }

    /** Admins and enrollers manage anyone of their organization; a member only themselves. */
    public boolean mayManage(String personId) {
        return jwt.getGroups().contains(Claims.Roles.ADMIN) || jwt.getGroups().contains(Claims.Roles.ENROLLER)
                || personId.equals(jwt.getSubject());
    }
}
