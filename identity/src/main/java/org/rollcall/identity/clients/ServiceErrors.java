package org.rollcall.identity.clients;

import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;
import org.rollcall.events.api.ApiError;
import org.rollcall.identity.ServiceUnavailable;

/**
 * What identity makes of another service's error answers, for every client: a 4xx is a
 * {@link ServiceRefusal} carrying the {@link ApiError} (the user can act on it), anything else
 * means the service is not available right now.
 */
public class ServiceErrors implements ResponseExceptionMapper<RuntimeException> {
    @Override
    public RuntimeException toThrowable(Response response) {
        if (response.getStatus() >= 400 && response.getStatus() < 500) {
            ApiError error;
            try {
                error = response.readEntity(ApiError.class);
            } catch (RuntimeException e) {
                error = null;
            }
            if (error == null || error.reason() == null) {
                error = ApiError.of(response.getStatus(), "refused", "answered " + response.getStatus());
            }
            return new ServiceRefusal(response.getStatus(), error);
        }
        return new ServiceUnavailable("answered " + response.getStatus());
    }
}
