package org.rollcall.attendance.record;

import org.rollcall.events.api.ApiError;
import org.rollcall.security.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Clear client errors as problem details ({@link ApiError}); anything else is a generic 500 (details in the log only, service-security's ProblemMappers). */
public class ErrorMappers {
    @ServerExceptionMapper
    public Response badRequest(InvalidRequestException e) {
        return Problems.response(400, "invalid_request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(RecordConflictException e) {
        return Problems.response(409, "conflict", e.getMessage());
    }
}
