package org.rollcall.recognition.enroll;

import org.rollcall.events.FaceTemplate;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rollcall.events.api.EnrolledTemplate;
import org.rollcall.events.api.FaceBox;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.rollcall.events.Claims.Roles;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Box;
import org.rollcall.face.gallery.Match;
import org.rollcall.recognition.gallery.Matcher;
import org.rollcall.recognition.security.Caller;

/**
 * Enrollment (publish a template) and one-image recognition for
 * integrators. Every call is bound to the caller's organization.
 */
@Path("/api/v1")
@Tag(name = "Recognition")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {
    /** Ids travel in Kafka keys split on '/': a safe, bounded alphabet. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    private final Enrollment enrollment;
    private final FaceEngine engine;
    private final Matcher matcher;
    private final Caller caller;

    public TemplateResource(Enrollment enrollment, FaceEngine engine, org.rollcall.recognition.RecognitionNode node, Caller caller) {
        this.enrollment = enrollment;
        this.engine = engine;
        this.matcher = node.matcher();
        this.caller = caller;
    }

    /** Result of an enrollment. */

    public record Recognized(FaceBox box, String personId, float similarity, float margin, Float liveness, float quality) {
    }

    @Operation(summary = "Enroll a face photo as a template",
            description = "Multipart: orgId, personId, image; optional sourceId (the photo's id where it is kept: the same photo under "
                    + "the same model makes the same template), replaces (a template of the person to tombstone once the new one "
                    + "is stored: a re-index) and externalId (the person's employee id, carried by the template). 422 problem "
                    + "details with the reason when the photo is refused.")
    @POST
    @Path("templates")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ENROLLER, Roles.ADMIN})
    public Response enroll(@RestForm("orgId") String orgId, @RestForm("personId") String personId,
            @RestForm("image") FileUpload upload, @RestForm("sourceId") String sourceId, @RestForm("replaces") String replaces,
            @RestForm("externalId") String externalId) {
        caller.requireOrg(orgId);
        requireId(personId, "personId");
        if (sourceId != null) {
            requireId(sourceId, "sourceId");
        }
        if (replaces != null) {
            requireId(replaces, "replaces");
        }
        if (externalId != null && !FaceTemplate.EXTERNAL_ID.matcher(externalId).matches()) {
            throw new jakarta.ws.rs.WebApplicationException(org.rollcall.security.Problems.response(400, "invalid_request",
                    "externalId must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        byte[] image = read(upload);
        Enrollment.Enrolled e = enrollment.enroll(orgId, personId, image, sourceId, replaces, externalId);
        Face f = e.face();
        Box b = f.detection().box();
        return Response.status(Response.Status.CREATED).entity(new EnrolledTemplate(e.template().templateId(), personId,
                e.template().modelId(), f.quality().overall(), f.quality().sharpness(), f.quality().pose(),
                f.quality().eyeDistance(), f.liveness(), box(b))).build();
    }

    @Operation(summary = "Search the gallery for the faces in a photo",
            description = "1:N search of the caller's organization (admin); each face with its best person above the threshold, or none (unknown).")
    @POST
    @Path("recognize")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    // a 1:N search of the whole organization's gallery: an admin's tool, not a member's or an integrator's
    @RolesAllowed(Roles.ADMIN)
    public List<Recognized> recognize(@RestForm("image") FileUpload upload) {
        String org = caller.orgId();
        if (org == null) {
            throw new NotFoundException();
        }
        byte[] image = read(upload);
        List<Recognized> out = new ArrayList<>();
        for (Face f : engine.analyze(image).faces()) {
            Match m = matcher.match(org, f.embedding());
            out.add(new Recognized(box(f.detection().box()), m.personId(), m.similarity(), m.margin(), f.liveness(),
                    f.quality().overall()));
        }
        return out;
    }

    /** The upload's bytes; its temporary file is deleted when the request ends. */
    private static byte[] read(FileUpload upload) {
        if (upload == null || upload.size() == 0) {
            throw new BadRequestException("an image part is required");
        }
        try {
            return java.nio.file.Files.readAllBytes(upload.uploadedFile());
        } catch (java.io.IOException e) {
            throw new BadRequestException("the upload could not be read");
        }
    }

    private static void requireId(String id, String name) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new BadRequestException(name + " must be 1-100 letters, digits, '.', '_', '@' or '-'");
        }
    }

    private static FaceBox box(Box b) {
        return new FaceBox(Math.round(b.x1()), Math.round(b.y1()), Math.round(b.width()), Math.round(b.height()));
    }
}
