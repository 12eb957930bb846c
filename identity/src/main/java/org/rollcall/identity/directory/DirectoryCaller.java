package org.rollcall.identity.directory;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.rollcall.events.Claims;
import org.rollcall.identity.session.CurrentUser;

/**
 * The organization a read of the directory (people, sites) is for: an admin's own (their account
 * still enabled), or an API key's (its token names the organization; @RolesAllowed already
 * required the people:read scope). Never from the request.
 */
@RequestScoped
public class DirectoryCaller {
    private final JsonWebToken jwt;
    private final CurrentUser current;

    public DirectoryCaller(JsonWebToken jwt, CurrentUser current) {
        this.jwt = jwt;
        this.current = current;
    }

    public String orgId() {
        if (jwt.getGroups().contains(Claims.Roles.ADMIN)) {
            return current.requireAdmin().orgId;
        }
        String org = jwt.getClaim(Claims.ORG);
        if (org == null || org.isBlank() || !jwt.getGroups().contains(Claims.Scopes.PEOPLE_READ)) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return org;
    }
}
