package org.rollcall.attendance.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rollcall.attendance.record.InvalidRequestException;
import org.rollcall.attendance.security.Caller;
import org.rollcall.events.Claims.Roles;
import org.rollcall.events.api.DeliveryView;
import org.rollcall.events.api.NewWebhook;
import org.rollcall.events.api.WebhookView;

/** The organization's webhooks and their delivery log (admin). */
@Path("/api/v1/attendance/webhooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {
    private final Caller caller;
    private final Webhooks webhooks;

    public WebhookResource(Caller caller, Webhooks webhooks) {
        this.caller = caller;
        this.webhooks = webhooks;
    }

    @GET
    @Operation(summary = "The organization's webhooks", description = "Without their secrets.")
    public List<WebhookView> list() {
        return webhooks.list(caller.orgId());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a webhook",
            description = "Every attendance event of the organization from now on is POSTed to the https `url` as JSON, with "
                    + "Rollcall-Event-Id, Rollcall-Timestamp and Rollcall-Signature (sha256=HMAC-SHA256 of `<timestamp>.<body>` "
                    + "with the secret). The answer holds the secret, once. 400 for an address that is not https or not public.")
    public Response create(NewWebhook body) {
        if (body == null) {
            throw new InvalidRequestException("url is required");
        }
        return Response.status(Response.Status.CREATED).entity(webhooks.create(caller.orgId(), body.url(), caller.actor())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a webhook", description = "Its pending deliveries and its log go with it.")
    public Response delete(@PathParam("id") String id) {
        if (!webhooks.delete(caller.orgId(), id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "A webhook's delivery log",
            description = "The latest deliveries first (`limit` 1-200, default 50): state, attempts, the last status or error, and "
                    + "when the next attempt is due.")
    public List<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 200) {
            throw new InvalidRequestException("limit must be 1..200");
        }
        List<DeliveryView> log = webhooks.deliveries(caller.orgId(), id, n);
        if (log == null) {
            throw new NotFoundException();
        }
        return log;
    }
}
