package org.rollcall.attendance.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotFoundException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.rollcall.events.Claims;

/**
 * The verified caller of a request: organization, person, roles. Every query takes its
 * organization from here, never from the request.
 */
@RequestScoped
public class Caller {
    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String orgId() {
        String org = jwt.getClaim(Claims.ORG);
        if (org == null || org.isBlank()) {
            // a token without an organization sees nothing
            throw new NotFoundException();
        }
        return org;
    }

    public String personId() {
        return jwt.getSubject();
    }

    /** Admins and API keys with attendance:read see the whole organization; members only themselves. */
    public boolean seesOrganization() {
        return jwt.getGroups().contains(Claims.Roles.ADMIN) || jwt.getGroups().contains(Claims.Scopes.ATTENDANCE_READ);
    }

    public boolean admin() {
        return jwt.getGroups().contains(Claims.Roles.ADMIN);
    }

    /** The actor named in audit entries. */
    public String actor() {
        return jwt.getSubject();
    }
}
