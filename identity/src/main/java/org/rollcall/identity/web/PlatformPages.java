package org.rollcall.identity.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.rollcall.identity.account.AccountService;
import org.rollcall.identity.account.InvalidInput;
import org.rollcall.identity.account.Organization;
import org.rollcall.identity.account.User;
import org.rollcall.identity.session.CurrentUser;

/** The platform admin's page: organizations, and creating one with its first admin (when self-registration is off). */
@Path("/platform")
@Produces(MediaType.TEXT_HTML)
public class PlatformPages {
    private final Template platform;
    private final CurrentUser current;
    private final AccountService accounts;

    private final org.rollcall.identity.erasure.ErasureRequests erasures;

    public PlatformPages(@Location("platform.html") Template platform, CurrentUser current, AccountService accounts,
            org.rollcall.identity.erasure.ErasureRequests erasures) {
        this.erasures = erasures;
        this.platform = platform;
        this.current = current;
        this.accounts = accounts;
    }

    private User platformAdmin() {
        User u = current.requireSignedIn();
        if (u.role != User.Role.PLATFORM) {
            throw new NotFoundException();
        }
        return u;
    }

    /** An organization on the platform page, with its latest erasure (null when none). */
    public record OrgRow(String id, String name, org.rollcall.identity.erasure.ErasureRequests.Status erasure) {
    }

    private TemplateInstance page(User u, Map<String, String> errors, Map<String, String> form) {
        List<OrgRow> orgs = Organization.<Organization>listAll(io.quarkus.panache.common.Sort.by("name")).stream()
                .map(o -> new OrgRow(o.id, o.name, erasures.latest(o.id, null))).toList();
        return platform.data("user", u).data("orgs", orgs).data("errors", errors).data("form", form);
    }

    /** Erases an organization's biometric and attendance data everywhere (pending until every service confirmed). */
    @POST
    @Path("{orgId}/erase")
    public Response erase(@jakarta.ws.rs.PathParam("orgId") String orgId, @RestForm String confirm) {
        User u = platformAdmin();
        if (!"on".equals(confirm)) {
            return PeoplePages.html(400, page(u, Map.of("erase", "Tick the box to confirm the erasure."), Map.of("eraseOrg", orgId)));
        }
        erasures.requestOrganization(orgId, u.id);
        return Response.seeOther(URI.create("/platform")).build();
    }

    @GET
    public TemplateInstance list() {
        return page(platformAdmin(), Map.of(), Map.of());
    }

    @POST
    public Response create(@RestForm String orgName, @RestForm String displayName, @RestForm String email, @RestForm String password) {
        User u = platformAdmin();
        try {
            accounts.register(orgName, displayName, email, password, null);
            return Response.seeOther(URI.create("/platform")).build();
        } catch (InvalidInput e) {
            return PeoplePages.html(400, page(u, e.errors(), Map.of("orgName", orgName == null ? "" : orgName,
                    "displayName", displayName == null ? "" : displayName, "email", email == null ? "" : email)));
        }
    }
}
