package org.rollcall.identity.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.rollcall.identity.account.InvalidInput;
import org.rollcall.identity.account.Passwords;
import org.rollcall.identity.account.User;
import org.rollcall.identity.session.CurrentUser;
import org.rollcall.identity.session.SessionCookie;

/** Change one's password; an administrator's single-use reset link for a person; the link's form. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PasswordPages {
    private final Template password;
    private final CurrentUser current;
    private final Passwords passwords;
    private final SessionCookie cookie;

    public PasswordPages(@Location("password.html") Template password, CurrentUser current, Passwords passwords, SessionCookie cookie) {
        this.password = password;
        this.current = current;
        this.passwords = passwords;
        this.cookie = cookie;
    }

    @GET
    @Path("me/password")
    public TemplateInstance changeForm() {
        return form(current.require(), null, Map.of());
    }

    @POST
    @Path("me/password")
    public Response change(@RestForm String current, @RestForm String password) {
        User u = this.current.require();
        try {
            passwords.change(u.id, current, password);
            return signedOut();
        } catch (InvalidInput e) {
            return PeoplePages.html(400, form(u, null, e.errors()));
        }
    }

    @POST
    @Path("people/{id}/reset-link")
    public TemplateInstance resetLink(@PathParam("id") String id) {
        User admin = current.requireAdmin();
        String secret = passwords.resetLink(admin.orgId, id, admin.id);
        return password.data("user", admin).data("person", User.inOrg(admin.orgId, id)).data("link", "/reset/" + secret)
                .data("secret", null).data("errors", Map.of());
    }

    @GET
    @Path("reset/{secret}")
    public Response resetForm(@PathParam("secret") String secret) {
        Map<String, String> errors = passwords.usable(secret) ? Map.of()
                : Map.of("reset", "This link is not valid (used or expired). Ask an administrator for a new one.");
        return PeoplePages.html(errors.isEmpty() ? 200 : 404, form(null, secret, errors));
    }

    @POST
    @Path("reset/{secret}")
    public Response reset(@PathParam("secret") String secret, @RestForm String password) {
        try {
            passwords.reset(secret, password);
            return signedOut();
        } catch (InvalidInput e) {
            return PeoplePages.html(400, form(null, secret, e.errors()));
        }
    }

    private TemplateInstance form(User u, String secret, Map<String, String> errors) {
        return password.data("user", u).data("secret", secret).data("errors", errors).data("link", null).data("person", null);
    }

    /** Every session ended with the change: this browser's too, so it signs in with the new password. */
    private Response signedOut() {
        return Response.seeOther(URI.create("/login?password-changed")).cookie(cookie.cleared()).build();
    }
}
