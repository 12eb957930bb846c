package org.rollcall.recognition.enroll;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.rollcall.events.api.ApiError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rollcall.face.enroll.EnrollmentRefusal;
import org.rollcall.face.image.InvalidImageException;

/** Clear answers for every API of this service, in the one error shape ({@link ApiError}): refusals are 422 with a reason, a missing broker 503. */
public class ApiErrors {
    @ServerExceptionMapper
    public Response refused(EnrollmentRefusal e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(e.reason(), e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response invalidImage(InvalidImageException e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("invalid_image", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(new ApiError("invalid_request", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unavailable(Enrollment.TemplateStoreUnavailable e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("unavailable", "the template store is unavailable; nothing was enrolled, try again")).build();
    }
}
