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
import org.rollcall.identity.account.User;
import org.rollcall.identity.org.OrgService;
import org.rollcall.identity.session.CurrentUser;

/** Sites (with time zone) and cameras of the organization (admin). */
@Path("/sites")
@Produces(MediaType.TEXT_HTML)
public class SitePages {
    static final java.util.List<String> ZONES = java.util.stream.Stream.concat(java.util.stream.Stream.of("UTC"),
            java.time.ZoneId.getAvailableZoneIds().stream()
                    .filter(z -> z.contains("/") && !z.startsWith("Etc") && !z.startsWith("SystemV")).sorted()).toList();

    private final Template sites;
    private final CurrentUser current;
    private final OrgService org;

    public SitePages(@Location("sites.html") Template sites, CurrentUser current, OrgService org) {
        this.sites = sites;
        this.current = current;
        this.org = org;
    }

    private TemplateInstance page(User u, Map<String, String> errors, Map<String, String> form) {
        return sites.data("user", u).data("sites", org.sites(u.orgId)).data("cameras", org.cameras(u.orgId)).data("zones", ZONES)
                .data("errors", errors).data("form", form);
    }

    @GET
    public TemplateInstance list() {
        return page(current.requireAdmin(), Map.of(), Map.of());
    }

    @POST
    public Response createSite(@RestForm String name, @RestForm String zone) {
        User u = current.requireAdmin();
        try {
            org.createSite(u.orgId, name, zone, u.id);
            return Response.seeOther(URI.create("/sites")).build();
        } catch (InvalidInput e) {
            return PeoplePages.html(400, page(u, e.errors(), Map.of("name", name == null ? "" : name)));
        }
    }

    @POST
    @Path("cameras")
    public Response saveCamera(@RestForm String cameraId, @RestForm String siteId, @RestForm String name, @RestForm String kind,
            @RestForm String url, @RestForm String fps, @RestForm String enabled) {
        User u = current.requireAdmin();
        try {
            org.saveCamera(u.orgId, cameraId == null || cameraId.isBlank() ? null : cameraId, siteId, name, kind, url, fps,
                    enabled != null, u.id);
            return Response.seeOther(URI.create("/sites")).build();
        } catch (InvalidInput e) {
            return PeoplePages.html(400, page(u, e.errors(), Map.of("cameraName", name == null ? "" : name,
                    "url", url == null ? "" : url)));
        } catch (org.rollcall.identity.quota.QuotaExceeded e) {
            return PeoplePages.html(429, page(u, Map.of("quota", e.getMessage()), Map.of("cameraName", name == null ? "" : name,
                    "url", url == null ? "" : url)));
        }
    }

    @POST
    @Path("cameras/{id}/delete")
    public Response deleteCamera(@PathParam("id") String id) {
        User u = current.requireAdmin();
        org.deleteCamera(u.orgId, id, u.id);
        return Response.seeOther(URI.create("/sites")).build();
    }
}
