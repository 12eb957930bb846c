package org.rollcall.recognition.enroll;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import org.rollcall.events.api.ApiError;
import org.rollcall.security.Problems;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rollcall.face.enroll.EnrollmentRefusal;
import org.rollcall.face.image.InvalidImageException;

/** Clear answers for every API of this service, as problem details ({@link ApiError}): refusals are 422 with a reason, a missing broker 503. */
public class ApiErrors {
    @ServerExceptionMapper
    public Response refused(EnrollmentRefusal e) {
        return Problems.response(422, e.reason(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidImage(InvalidImageException e) {
        return Problems.response(422, "invalid_image", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return Problems.response(400, "invalid_request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(Enrollment.TemplateStoreUnavailable e) {
        return Problems.response(503, "unavailable", "the template store is unavailable; nothing was enrolled, try again");
    }
}
