package org.rollcall.identity.directory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rollcall.events.Claims.Roles;
import org.rollcall.events.Claims.Scopes;
import org.rollcall.events.api.CursorPage;
import org.rollcall.identity.directory.DirectoryViews.SiteView;

/** The organization's sites and their time zones, for an admin or an API key with people:read. */
@Path("/api/v1/sites")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
public class SitesResource {
    private final DirectoryCaller caller;
    private final Directory directory;

    public SitesResource(DirectoryCaller caller, Directory directory) {
        this.caller = caller;
        this.directory = directory;
    }

    @Operation(summary = "List the organization's sites",
            description = "By id, `limit` (1-500, default 100) at a time; pass `next` back as `cursor` for the following page "
                    + "(null on the last). Each site's IANA time zone is the one its attendance days are reckoned in. An admin "
                    + "or an API key with people:read.")
    @GET
    @RolesAllowed({Roles.ADMIN, Scopes.PEOPLE_READ})
    public CursorPage<SiteView> sites(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return directory.sites(caller.orgId(), cursor, limit);
    }
}
