package org.rollcall.identity.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rollcall.events.api.ApiError;
import org.rollcall.identity.ServiceUnavailable;
import org.rollcall.identity.session.CurrentUser;
import org.rollcall.identity.session.SessionCookie;
import org.rollcall.security.ProblemMappers;
import org.rollcall.security.Problems;

/** Generic answers: pages get a plain error page, APIs problem details (RFC 9457); details only in the log. */
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final Template error;
    private final SessionCookie cookie;

    public ErrorPages(@Location("error.html") Template error, SessionCookie cookie) {
        this.error = error;
        this.cookie = cookie;
    }

    @ServerExceptionMapper(priority = ProblemMappers.BEFORE_SHARED)
    public Response signIn(CurrentUser.SignInRequired e) {
        return Response.seeOther(URI.create("/login")).build();
    }

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class}, priority = ProblemMappers.BEFORE_SHARED)
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        if (uri.getPath().startsWith("/api/")) {
            return Response.fromResponse(Problems.response(401, "unauthorized", "a valid bearer token is required"))
                    .header("WWW-Authenticate", "Bearer").build();
        }
        return Response.seeOther(URI.create("/login")).cookie(cookie.cleared()).build();
    }

    @ServerExceptionMapper(priority = ProblemMappers.BEFORE_SHARED)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return page(uri, 403, "forbidden", "You are not allowed to do that.");
    }

    @ServerExceptionMapper(priority = ProblemMappers.BEFORE_SHARED)
    public Response notFound(NotFoundException e, UriInfo uri) {
        return page(uri, 404, "not_found", "There is nothing here.");
    }

    @ServerExceptionMapper(priority = ProblemMappers.BEFORE_SHARED)
    public Response unavailable(ServiceUnavailable e, UriInfo uri) {
        LOG.warnf("%s: %s", uri.getPath(), e.getMessage());
        return page(uri, 503, "unavailable", "A part of Rollcall is not answering right now. Nothing was changed; please try again.");
    }

    @ServerExceptionMapper(priority = ProblemMappers.BEFORE_SHARED)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse().getStatus() < 500) {
            // an API's own problem answer passes as it is
            if (w.getResponse().hasEntity() && w.getResponse().getEntity() instanceof ApiError) {
                return w.getResponse();
            }
            return page(uri, w.getResponse().getStatus(), "invalid_request", "The request could not be handled.");
        }
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return page(uri, 500, "internal_error", "Something went wrong on our side. Please try again.");
    }

    private Response page(UriInfo uri, int status, String reason, String message) {
        if (uri.getPath().startsWith("/api/")) {
            return Problems.response(status, reason, message);
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("status", status).data("message", message).data("user", null).render()).build();
    }
}
