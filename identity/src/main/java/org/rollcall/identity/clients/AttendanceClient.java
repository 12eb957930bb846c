package org.rollcall.identity.clients;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.rollcall.events.api.AttendanceSummary;
import org.rollcall.events.api.DayCount;
import org.rollcall.events.api.Page;
import org.rollcall.events.api.RecordView;

/**
 * Attendance's read API as identity's dashboards call it (base URL
 * {@code quarkus.rest-client.attendance.url}): reads only, so a connection failure is retried
 * twice; every call is bounded in time so a slow attendance never hangs a page.
 */
@org.eclipse.microprofile.rest.client.annotation.RegisterProvider(ServiceErrors.class)
@RegisterRestClient(configKey = "attendance")
@Path("/api/v1/attendance")
@Produces(MediaType.APPLICATION_JSON)
public interface AttendanceClient {

    @GET
    @Path("summary")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    AttendanceSummary summary(@HeaderParam("Authorization") String bearer, @QueryParam("day") LocalDate day);

    @GET
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    Page<RecordView> records(@HeaderParam("Authorization") String bearer, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to, @QueryParam("personId") String personId, @QueryParam("size") int size);

    @GET
    @Path("daily")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    List<DayCount> daily(@HeaderParam("Authorization") String bearer, @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to);
}
