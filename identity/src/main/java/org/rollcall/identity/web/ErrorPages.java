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
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rollcall.identity.ServiceUnavailable;
import org.rollcall.identity.session.CurrentUser;
import org.rollcall.identity.session.SessionCookie;

/** Generic answers: pages get a plain error page, APIs a short JSON; details only in the log. */
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final Template error;
    private final SessionCookie cookie;

    public ErrorPages(@Location("error.html") Template error, SessionCookie cookie) {
        this.error = error;
        this.cookie = cookie;
    }

    @ServerExceptionMapper
    public Response signIn(CurrentUser.SignInRequired e) {
        return Response.seeOther(URI.create("/login")).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        if (uri.getPath().startsWith("/api/")) {
            return Response.status(401).type(MediaType.APPLICATION_JSON).entity(Map.of("error", "unauthorized")).build();
        }
        return Response.seeOther(URI.create("/login")).cookie(cookie.cleared()).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return page(uri, 403, "You are not allowed to do that.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return page(uri, 404, "There is nothing here.");
    }

    @ServerExceptionMapper
    public Response unavailable(ServiceUnavailable e, UriInfo uri) {
        LOG.warnf("%s: %s", uri.getPath(), e.getMessage());
        return page(uri, 503, "A part of Rollcall is not answering right now. Nothing was changed; please try again.");
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse().getStatus() < 500) {
            return page(uri, w.getResponse().getStatus(), "The request could not be handled.");
        }
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return page(uri, 500, "Something went wrong on our side. Please try again.");
    }

    private Response page(UriInfo uri, int status, String message) {
        if (uri.getPath().startsWith("/api/")) {
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("status", status).data("message", message).data("user", null).render()).build();
    }
}
