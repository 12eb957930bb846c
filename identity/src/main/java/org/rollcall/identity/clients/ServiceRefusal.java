package org.rollcall.identity.clients;

import org.rollcall.events.api.ApiError;

/** Another service answered with a client error (4xx) in the one error shape. */
public class ServiceRefusal extends RuntimeException {
    private final int status;
    private final ApiError error;

    public ServiceRefusal(int status, ApiError error) {
        super(error.reason() + ": " + error.detail());
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }
}
