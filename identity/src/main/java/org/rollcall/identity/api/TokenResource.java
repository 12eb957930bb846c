package org.rollcall.identity.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.account.Ids;
import org.rollcall.identity.account.Organization;
import org.rollcall.identity.session.TokenIssuer;

/** Integrators exchange an API key (issued by an org admin, stored hashed) for a short-lived JWT. */
@Path("/api/v1/token")
@Tag(name = "Tokens")
public class TokenResource {
    private final TokenIssuer tokens;
    private final IdentityConfig config;

    public TokenResource(TokenIssuer tokens, IdentityConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    /** Body of the exchange. */
    public record KeyExchange(String apiKey) {
    }

    @Operation(summary = "Exchange an API key for a token",
            description = "An integrator's key (rk_...) for a 10-minute JWT with the integrator role; 401 problem details for an unknown or revoked key.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response exchange(KeyExchange body) {
        if (body == null || body.apiKey() == null || body.apiKey().length() > 200) {
            return Response.status(401).entity(Map.of("error", "invalid API key")).build();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Organization.getEntityManager().createNativeQuery(
                "SELECT id, org_id FROM identity.api_key WHERE key_hash = :h AND revoked_at IS NULL")
                .setParameter("h", Ids.sha256(body.apiKey())).getResultList();
        if (rows.isEmpty()) {
            return Response.status(401).entity(Map.of("error", "invalid API key")).build();
        }
        String token = tokens.integrator((String) rows.get(0)[1], (String) rows.get(0)[0]);
        return Response.ok(Map.of("access_token", token, "token_type", "Bearer", "expires_in", config.apiTokenTtl().toSeconds())).build();
    }
}
