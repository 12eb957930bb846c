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

    /** The camera form filled with a camera's settings (its address without the sealed password). */
    @GET
    @Path("cameras/{id}")
    public TemplateInstance editCamera(@PathParam("id") String id) {
        User u = current.requireAdmin();
        org.rollcall.identity.org.Camera c = org.camera(u.orgId, id);
        return page(u, Map.of(), cameraForm(c.id, c.siteId, c.name, c.kind, c.url, String.valueOf(c.fps), c.enabled));
    }

    @POST
    @Path("cameras")
    public Response saveCamera(@RestForm String cameraId, @RestForm String siteId, @RestForm String name, @RestForm String kind,
            @RestForm String url, @RestForm String fps, @RestForm String enabled) {
        User u = current.requireAdmin();
        String id = cameraId == null || cameraId.isBlank() ? null : cameraId;
        Map<String, String> form = cameraForm(id, siteId, name, kind, url, fps, enabled != null);
        try {
            org.saveCamera(u.orgId, id, siteId, name, kind, url, fps, enabled != null, u.id);
            return Response.seeOther(URI.create("/sites")).build();
        } catch (InvalidInput e) {
            return PeoplePages.html(400, page(u, e.errors(), form));
        } catch (org.rollcall.identity.quota.QuotaExceeded e) {
            return PeoplePages.html(429, page(u, Map.of("quota", e.getMessage()), form));
        }
    }

    @POST
    @Path("cameras/{id}/enabled")
    public Response enableCamera(@PathParam("id") String id, @RestForm String enabled) {
        User u = current.requireAdmin();
        try {
            org.setCameraEnabled(u.orgId, id, "true".equals(enabled), u.id);
            return Response.seeOther(URI.create("/sites")).build();
        } catch (org.rollcall.identity.quota.QuotaExceeded e) {
            return PeoplePages.html(429, page(u, Map.of("quota", e.getMessage()), Map.of()));
        }
    }

    /** What the camera form shows again: a camera being edited, or what was typed when it was refused. */
    private static Map<String, String> cameraForm(String cameraId, String siteId, String name, String kind, String url, String fps,
            boolean enabled) {
        Map<String, String> f = new java.util.HashMap<>();
        f.put("cameraId", cameraId == null ? "" : cameraId);
        f.put("siteId", siteId == null ? "" : siteId);
        f.put("cameraName", name == null ? "" : name);
        f.put("kind", kind == null ? "" : kind);
        f.put("url", url == null ? "" : url);
        f.put("fps", fps == null || fps.isBlank() ? "5" : fps);
        f.put("enabled", enabled ? "on" : "");
        return f;
    }

    @POST
    @Path("cameras/{id}/delete")
    public Response deleteCamera(@PathParam("id") String id) {
        User u = current.requireAdmin();
        org.deleteCamera(u.orgId, id, u.id);
        return Response.seeOther(URI.create("/sites")).build();
    }
}
