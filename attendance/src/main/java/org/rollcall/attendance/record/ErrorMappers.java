package org.rollcall.attendance.record;

import org.rollcall.events.api.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Clear client errors in the one error shape ({@link ApiError}); anything else stays a generic 500 (details in the log only). */
public class ErrorMappers {
    @ServerExceptionMapper
    public Response badRequest(InvalidRequestException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("invalid_request", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response conflict(RecordConflictException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("conflict", e.getMessage())).build();
    }
}
