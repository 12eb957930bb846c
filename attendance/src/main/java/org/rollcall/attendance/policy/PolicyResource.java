package org.rollcall.attendance.policy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import org.rollcall.attendance.record.InvalidRequestException;
import org.rollcall.attendance.security.Caller;
import org.rollcall.events.Claims.Roles;
import org.rollcall.events.api.PolicyView;

/** The caller's organization's attendance rules (thresholds, cooldown, time zones, schedule). */
@Path("/api/v1/attendance/policy")
@Tag(name = "Attendance rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PolicyResource {
    private final Caller caller;
    private final PolicyStore store;

    public PolicyResource(Caller caller, PolicyStore store) {
        this.caller = caller;
        this.store = store;
    }

    @GET
    @Operation(summary = "The organization's attendance rules",
            description = "Thresholds, cooldown, the organization's zone, each site's zone and the working day (admin).")
    public PolicyView get() {
        return PolicyViews.of(store.get(caller.orgId()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the attendance rules",
            description = "Applies from the next sighting. Without `siteZones` the zones set before stay (a site's zone set in "
                    + "the portal reaches attendance with its cameras).")
    public PolicyView put(PolicyView body) {
        if (body == null) {
            throw new InvalidRequestException("a policy is required");
        }
        Policy p;
        try {
            p = PolicyViews.toPolicy(body);
        } catch (DateTimeException e) {
            throw new InvalidRequestException("unknown time zone");
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        store.put(caller.orgId(), p, body.siteZones() == null ? null : p.siteZones());
        return PolicyViews.of(store.get(caller.orgId()));
    }
}
