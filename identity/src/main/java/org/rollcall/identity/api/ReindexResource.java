package org.rollcall.identity.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rollcall.events.Claims.Roles;
import org.rollcall.identity.account.User;
import org.rollcall.identity.enroll.Reindex;
import org.rollcall.identity.session.CurrentUser;

/** Re-creating the organization's face templates from its stored, consented photos (admin). */
@Path("/api/v1/reindex")
@Tag(name = "People")
@Produces(MediaType.APPLICATION_JSON)
public class ReindexResource {
    private final CurrentUser current;
    private final Reindex reindex;

    public ReindexResource(CurrentUser current, Reindex reindex) {
        this.current = current;
        this.reindex = reindex;
    }

    @Operation(summary = "Re-create every face template",
            description = "Re-embeds every enrolled photo of the organization with the model and settings recognition runs now and "
                    + "replaces the old templates; 202 with the progress. Safe to interrupt and to run again. Body: {} (a JSON "
                    + "write: the portal's CSRF filter refuses a bodiless POST).")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response start() {
        User admin = current.requireAdmin();
        return Response.accepted(reindex.start(admin.orgId, admin.id)).build();
    }

    @Operation(summary = "Progress of the re-index", description = "never, running, finished or stopped (run it again).")
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Reindex.Progress progress() {
        return reindex.progress(current.requireAdmin().orgId);
    }
}
