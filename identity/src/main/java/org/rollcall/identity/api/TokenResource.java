package org.rollcall.identity.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.account.AccountService;
import org.rollcall.identity.session.TokenIssuer;
import org.rollcall.security.Problems;

/** Integrators exchange an API key (issued by an org admin, stored hashed) for a short-lived JWT. */
@Path("/api/v1/token")
@Tag(name = "Tokens")
public class TokenResource {
    private final TokenIssuer tokens;
    private final IdentityConfig config;
    private final AccountService accounts;

    public TokenResource(TokenIssuer tokens, IdentityConfig config, AccountService accounts) {
        this.tokens = tokens;
        this.config = config;
        this.accounts = accounts;
    }

    /** Body of the exchange. */
    public record KeyExchange(String apiKey) {
    }

    @Operation(summary = "Exchange an API key for a token",
            description = "An integrator's key (rk_...) for a 10-minute JWT with the integrator role and the key's scopes "
                    + "(attendance:read, people:read, attendance:write); 401 problem details for an unknown or revoked key.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response exchange(KeyExchange body) {
        AccountService.ActiveKey key = body == null || body.apiKey() == null || body.apiKey().length() > 200 ? null
                : accounts.activeKey(body.apiKey());
        if (key == null) {
            return Problems.response(401, "invalid_api_key", "the API key is unknown or revoked");
        }
        String token = tokens.integrator(key.orgId(), key.id(), key.scopes());
        return Response.ok(Map.of("access_token", token, "token_type", "Bearer", "expires_in", config.apiTokenTtl().toSeconds(),
                "scope", String.join(" ", key.scopes()))).build();
    }
}
