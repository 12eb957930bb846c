package org.rollcall.ingest.camera;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.rollcall.events.Claims;
import org.rollcall.events.Claims.Roles;
import org.rollcall.events.Claims.Scopes;
import org.rollcall.ingest.browser.BrowserCameraSocket;

/** Cameras of the caller's organization read by this instance, with state and last error. */
@Path("/api/v1/cameras/status")
@Tag(name = "Cameras")
@Produces(MediaType.APPLICATION_JSON)
public class CameraStatusResource {
    private final CameraSupervisor supervisor;
    private final BrowserCameraSocket.BrowserStreams streams;
    private final JsonWebToken jwt;

    public CameraStatusResource(CameraSupervisor supervisor, BrowserCameraSocket.BrowserStreams streams, JsonWebToken jwt) {
        this.supervisor = supervisor;
        this.streams = streams;
        this.jwt = jwt;
    }

    @Operation(summary = "Camera states",
            description = "Each camera of the caller's organization that this instance runs, with its state and last error.")
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER, Scopes.PEOPLE_READ, Roles.SERVICE})
    public List<CameraStatus> status() {
        String org = jwt.getClaim(Claims.ORG);
        if (org == null || org.isBlank()) {
            throw new NotFoundException();
        }
        return supervisor.status(org, streams.status());
    }
}
