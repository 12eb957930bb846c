package org.rollcall.identity.clients;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
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
import org.rollcall.events.api.AuditView;
import org.rollcall.events.api.Correction;
import org.rollcall.events.api.ManualEntry;
import org.rollcall.events.api.PolicyView;
import org.rollcall.events.api.DayCount;
import org.rollcall.events.api.Page;
import org.rollcall.events.api.RecordView;

/**
 * Attendance's API as identity's pages call it (base URL {@code quarkus.rest-client.attendance.url}):
 * a read's connection failure is retried twice, a write is never retried (a lost answer must not
 * make a second manual entry); every call is bounded in time so a slow attendance never hangs a page.
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

    /** Records, newest first; null filters are left out (without {@code to}: up to the latest local today). */
    @GET
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    Page<RecordView> records(@HeaderParam("Authorization") String bearer, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to, @QueryParam("siteId") String siteId, @QueryParam("personId") String personId,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("{id}")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    RecordView record(@HeaderParam("Authorization") String bearer, @PathParam("id") long id);

    @GET
    @Path("{id}/audit")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    List<AuditView> audit(@HeaderParam("Authorization") String bearer, @PathParam("id") long id);

    @POST
    @Path("manual")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    RecordView manual(@HeaderParam("Authorization") String bearer, ManualEntry entry);

    @POST
    @Path("{id}/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    RecordView correct(@HeaderParam("Authorization") String bearer, @PathParam("id") long id, Correction correction);

    @GET
    @Path("policy")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    PolicyView policy(@HeaderParam("Authorization") String bearer);

    @PUT
    @Path("policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    PolicyView updatePolicy(@HeaderParam("Authorization") String bearer, PolicyView policy);

    @GET
    @Path("daily")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    List<DayCount> daily(@HeaderParam("Authorization") String bearer, @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to);

    @GET
    @Path("webhooks")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    List<org.rollcall.events.api.WebhookView> webhooks(@HeaderParam("Authorization") String bearer);

    @POST
    @Path("webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    org.rollcall.events.api.WebhookView createWebhook(@HeaderParam("Authorization") String bearer, org.rollcall.events.api.NewWebhook webhook);

    @jakarta.ws.rs.DELETE
    @Path("webhooks/{id}")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    void deleteWebhook(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("webhooks/{id}/deliveries")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    List<org.rollcall.events.api.DeliveryView> deliveries(@HeaderParam("Authorization") String bearer, @PathParam("id") String id,
            @QueryParam("limit") int limit);
}
