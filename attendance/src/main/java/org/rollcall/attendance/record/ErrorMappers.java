package org.rollcall.attendance.record;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Clear client errors; anything else stays a generic 500 (details in the log only). */
public class ErrorMappers {
    @ServerExceptionMapper
    public Response badRequest(InvalidRequestException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response conflict(RecordConflictException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }
}
