package org.rollcall.identity.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.rollcall.events.Claims;
import org.rollcall.events.Claims.Roles;

/** Who the token says the caller is (for integrators checking their setup, and for tests of token checks). */
@Path("/api/v1/me")
@Tag(name = "Tokens")
public class MeResource {
    private final JsonWebToken jwt;

    public MeResource(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    @Operation(summary = "What the caller's token says",
            description = "Subject, organization and roles.")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER, Roles.INTEGRATOR})
    public Map<String, Object> me() {
        return Map.of("subject", jwt.getSubject(), "org", String.valueOf((Object) jwt.getClaim(Claims.ORG)), "groups", jwt.getGroups());
    }
}
