package org.rollcall.security;

import jakarta.ws.rs.core.Response;
import org.rollcall.events.api.ApiError;

/** An error answer as every service API gives it: RFC 9457 problem details ({@link ApiError}). */
public final class Problems {
    private Problems() {
    }

    public static Response response(int status, String reason, String detail) {
        return Response.status(status).type(ApiError.MEDIA_TYPE).entity(ApiError.of(status, reason, detail)).build();
    }
}
