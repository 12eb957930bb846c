package org.rollcall.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The framework's own errors (no or a bad token, a missing role, an unknown path, anything
 * unexpected) as problem details, like a service's own refusals. A service's more specific mapper
 * still wins, and so do identity's, which answer its pages with HTML: they are of a higher
 * priority ({@link #BEFORE_SHARED}).
 */
public class ProblemMappers {
    /** The priority of a service's own mapper of the same exceptions, which must win over these. */
    public static final int BEFORE_SHARED = jakarta.ws.rs.Priorities.USER - 100;
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return withChallenge(Problems.response(401, "unauthorized", "a valid bearer token is required"));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return withChallenge(Problems.response(401, "unauthorized",
                "the bearer token is not valid here (signature, issuer, audience or expiry)"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(403, "forbidden", "this token's roles or scopes do not allow that");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problems.response(404, "not_found", "there is nothing here");
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            return Problems.response(status, status == 405 ? "method_not_allowed" : status == 415 ? "unsupported_media_type"
                    : status == 406 ? "not_acceptable" : "invalid_request", e.getMessage());
        }
        LOG.error("unexpected error", e);
        return Problems.response(500, "internal_error", "something went wrong on our side; details are in the service's log");
    }

    private static Response withChallenge(Response r) {
        return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
    }
}
