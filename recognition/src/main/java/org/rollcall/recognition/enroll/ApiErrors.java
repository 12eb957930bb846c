package org.rollcall.recognition.enroll;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rollcall.face.enroll.EnrollmentRefusal;
import org.rollcall.face.image.InvalidImageException;

/** Clear answers for every API of this service: refusals are 422 with a reason, a missing broker 503. */
public class ApiErrors {
    @ServerExceptionMapper
    public Response refused(EnrollmentRefusal e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("reason", e.reason(), "message", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response invalidImage(InvalidImageException e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("reason", "invalid_image", "message", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unavailable(Enrollment.TemplateStoreUnavailable e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "the template store is unavailable; nothing was enrolled, try again")).build();
    }
}
