package org.rollcall.recognition.enroll;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.rollcall.events.Claims.Roles;
import org.rollcall.recognition.RecognitionNode;
import org.rollcall.recognition.frames.RecentFaces;
import org.rollcall.recognition.security.Caller;

/**
 * The dashboard's recent faces and repeated unknown visitors (this instance's cameras, memory
 * only), and "enroll as...": a visitor's best crop enrolled for a person through the normal rules.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RecentResource {
    static final int MIN_SIGHTINGS = 3;

    private final RecentFaces recent;
    private final Enrollment enrollment;
    private final Caller caller;

    public RecentResource(RecognitionNode node, Enrollment enrollment, Caller caller) {
        this.recent = node.recent();
        this.enrollment = enrollment;
        this.caller = caller;
    }

    /** Body of "enroll as". */
    public record EnrollAs(String personId) {
    }

    @GET
    @Path("recent/{orgId}")
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    public Map<String, Object> recent(@PathParam("orgId") String orgId) {
        caller.requireOrg(orgId);
        Base64.Encoder b64 = Base64.getEncoder();
        List<Map<String, Object>> seen = recent.recent(orgId).stream().map(s -> Map.<String, Object>of(
                "cameraId", s.cameraId(), "personId", s.personId() == null ? "" : s.personId(),
                "unknownClusterId", s.unknownClusterId() == null ? "" : s.unknownClusterId(), "similarity", s.similarity(),
                "at", s.at().toString(), "thumbnail", b64.encodeToString(s.thumbnail()))).toList();
        List<Map<String, Object>> visitors = recent.visitors(orgId, MIN_SIGHTINGS).stream().map(v -> Map.<String, Object>of(
                "clusterId", v.clusterId(), "sightings", v.sightings(), "lastSeen", v.lastSeen().toString(),
                "face", b64.encodeToString(v.face()))).toList();
        return Map.of("recent", seen, "visitors", visitors);
    }

    @POST
    @Path("unknown/{orgId}/{clusterId}/enroll")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public Response enrollAs(@PathParam("orgId") String orgId, @PathParam("clusterId") String clusterId, EnrollAs body) {
        caller.requireOrg(orgId);
        if (body == null || body.personId() == null || !TemplateResource.ID.matcher(body.personId()).matches()) {
            throw new BadRequestException("personId is required");
        }
        RecentFaces.Visitor v = recent.visitor(orgId, clusterId);
        if (v == null) {
            throw new NotFoundException();
        }
        Enrollment.Enrolled e = enrollment.enroll(orgId, body.personId(), v.face());
        recent.forget(orgId, clusterId);
        return Response.status(Response.Status.CREATED).entity(Map.of("templateId", e.template().templateId(),
                "quality", e.face().quality().overall(), "image", Base64.getEncoder().encodeToString(v.face()))).build();
    }
}
