package org.rollcall.identity.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.account.AccountService;
import org.rollcall.identity.account.InvalidInput;
import org.rollcall.identity.account.User;
import org.rollcall.identity.session.CurrentUser;
import org.rollcall.identity.session.Revocations;
import org.rollcall.identity.session.SessionCookie;
import org.rollcall.identity.session.TokenIssuer;

/** Sign-in, registration, invitations and sign-out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AuthPages {
    private final Template login;
    private final Template register;
    private final Template invite;
    private final AccountService accounts;
    private final TokenIssuer tokens;
    private final SessionCookie cookie;
    private final Revocations revocations;
    private final CurrentUser current;
    private final JsonWebToken jwt;
    private final IdentityConfig config;

    public AuthPages(@Location("login.html") Template login, @Location("register.html") Template register,
            @Location("invite.html") Template invite, AccountService accounts, TokenIssuer tokens, SessionCookie cookie,
            Revocations revocations, CurrentUser current, JsonWebToken jwt, IdentityConfig config) {
        this.login = login;
        this.register = register;
        this.invite = invite;
        this.accounts = accounts;
        this.tokens = tokens;
        this.cookie = cookie;
        this.revocations = revocations;
        this.current = current;
        this.jwt = jwt;
        this.config = config;
    }

    @GET
    public Response home() {
        User u = current.get();
        return Response.seeOther(URI.create(u == null ? "/login" : home(u))).build();
    }

    static final String TOO_MANY = "Too many attempts from here. Try again in a few minutes.";
    /** The one answer for an unknown email, a wrong password and a locked account alike. */
    static final String INVALID = "Invalid email or password. After several failed attempts an account is locked for a while.";

    @GET
    @Path("login")
    public TemplateInstance loginForm() {
        return login.data("errors", Map.of()).data("email", "").data("user", null).data("registration", config.selfRegistration());
    }

    @POST
    @Path("login")
    public Response signIn(@RestForm String email, @RestForm String password, HttpServerRequest request) {
        try {
            User u = accounts.authenticate(email, password, request.remoteAddress().host());
            // a fresh token at every sign-in: no session fixation
            return Response.seeOther(URI.create(home(u))).cookie(cookie.of(tokens.session(u, Instant.now()))).build();
        } catch (AccountService.LoginFailed e) {
            String message = e.reason == AccountService.LoginFailure.THROTTLED ? TOO_MANY : INVALID;
            return Response.status(e.reason == AccountService.LoginFailure.THROTTLED ? 429 : 401)
                    .entity(login.data("errors", Map.of("form", message)).data("email", email == null ? "" : email)
                            .data("user", null).data("registration", config.selfRegistration()).render())
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
    }

    @GET
    @Path("register")
    public TemplateInstance registerForm() {
        if (!config.selfRegistration()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return register.data("errors", Map.of()).data("form", Map.of()).data("user", null);
    }

    @POST
    @Path("register")
    public Response registerOrganization(@RestForm String orgName, @RestForm String displayName, @RestForm String email,
            @RestForm String password, HttpServerRequest request) {
        if (!config.selfRegistration()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        Map<String, String> form = Map.of("orgName", nz(orgName), "displayName", nz(displayName), "email", nz(email));
        try {
            User u = accounts.register(orgName, displayName, email, password, request.remoteAddress().host());
            return Response.seeOther(URI.create("/dashboard")).cookie(cookie.of(tokens.session(u, Instant.now()))).build();
        } catch (InvalidInput e) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(register.data("errors", e.errors()).data("form", form).data("user", null).render()).build();
        } catch (AccountService.LoginFailed e) {
            return Response.status(429).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(register.data("errors", Map.of("form", TOO_MANY)).data("form", form).data("user", null).render()).build();
        }
    }

    @GET
    @Path("invite/{secret}")
    public TemplateInstance inviteForm(@PathParam("secret") String secret) {
        return invite.data("secret", secret).data("errors", Map.of()).data("form", Map.of()).data("user", null);
    }

    @POST
    @Path("invite/{secret}")
    public Response acceptInvite(@PathParam("secret") String secret, @RestForm String displayName, @RestForm String email,
            @RestForm String password) {
        try {
            User u = accounts.acceptInvite(secret, displayName, email, password);
            return Response.seeOther(URI.create(home(u))).cookie(cookie.of(tokens.session(u, Instant.now()))).build();
        } catch (InvalidInput e) {
            Map<String, String> form = Map.of("displayName", nz(displayName), "email", nz(email));
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(invite.data("secret", secret).data("errors", e.errors()).data("form", form).data("user", null).render())
                    .build();
        }
    }

    @POST
    @Path("logout")
    public Response logout() {
        if (jwt.getRawToken() != null && jwt.getTokenID() != null) {
            revocations.revoke(jwt.getTokenID(), Instant.ofEpochSecond(jwt.getExpirationTime()));
        }
        return Response.seeOther(URI.create("/login")).cookie(cookie.cleared()).build();
    }

    static String home(User u) {
        return switch (u.role) {
            case ADMIN -> "/dashboard";
            case MEMBER -> "/me";
            case PLATFORM -> "/platform";
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
