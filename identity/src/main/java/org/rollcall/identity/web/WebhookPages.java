package org.rollcall.identity.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.rollcall.events.api.DeliveryView;
import org.rollcall.events.api.NewWebhook;
import org.rollcall.events.api.WebhookView;
import org.rollcall.identity.account.User;
import org.rollcall.identity.clients.AttendanceClient;
import org.rollcall.identity.clients.ServiceRefusal;
import org.rollcall.identity.session.CurrentUser;

/**
 * Webhooks for integrators without Kafka (admin): add one (its secret shown once), remove one, and
 * each one's latest deliveries. Attendance keeps them and delivers; these pages call it with the
 * admin's own token.
 */
@Path("/webhooks")
@Produces(MediaType.TEXT_HTML)
public class WebhookPages {
    static final int LOG_SIZE = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Template webhooks;
    private final CurrentUser current;
    private final AttendanceClient attendance;

    public WebhookPages(@Location("webhooks.html") Template webhooks, CurrentUser current, @RestClient AttendanceClient attendance) {
        this.webhooks = webhooks;
        this.current = current;
        this.attendance = attendance;
    }

    /** A webhook with its latest deliveries as the page shows them. */
    public record Row(String id, String url, List<Map<String, String>> deliveries) {
    }

    @GET
    public TemplateInstance list() {
        return page(current.requireAdmin(), null, null, null);
    }

    @POST
    public Response create(@RestForm String url) {
        User u = current.requireAdmin();
        try {
            WebhookView created = attendance.createWebhook(bearer(), new NewWebhook(url));
            return PeoplePages.html(200, page(u, created, null, null));
        } catch (ServiceRefusal e) {
            return PeoplePages.html(e.status() == 400 ? 400 : 503, page(u, null, e.status() == 400 ? e.error().detail()
                    : "Attendance is not answering; nothing was added.", url));
        } catch (jakarta.ws.rs.ProcessingException e) {
            return PeoplePages.html(503, page(u, null, "Attendance is not answering; nothing was added.", url));
        }
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") String id) {
        current.requireAdmin();
        try {
            attendance.deleteWebhook(bearer(), id);
        } catch (ServiceRefusal e) {
            if (e.status() == 404) {
                throw new jakarta.ws.rs.NotFoundException();
            }
            throw new org.rollcall.identity.ServiceUnavailable("attendance answered " + e.status() + " to a webhook's removal");
        }
        return Response.seeOther(URI.create("/webhooks")).build();
    }

    private TemplateInstance page(User u, WebhookView created, String error, String typed) {
        List<Row> rows = new ArrayList<>();
        String problem = null;
        try {
            for (WebhookView w : attendance.webhooks(bearer())) {
                List<Map<String, String>> log = new ArrayList<>();
                for (DeliveryView d : attendance.deliveries(bearer(), w.id(), LOG_SIZE)) {
                    log.add(Map.of("event", d.eventType(), "state", d.state().toLowerCase(java.util.Locale.ROOT),
                            "attempts", String.valueOf(d.attempts()),
                            "answer", d.lastStatus() != null ? "HTTP " + d.lastStatus() : d.lastError() == null ? "" : d.lastError(),
                            "at", WHEN.format(d.createdAt()), "next", d.nextAttemptAt() == null ? "" : WHEN.format(d.nextAttemptAt())));
                }
                rows.add(new Row(w.id(), w.url(), log));
            }
        } catch (ServiceRefusal | jakarta.ws.rs.ProcessingException e) {
            problem = "Attendance is not answering right now; the webhooks are not shown.";
        }
        return webhooks.data("user", u).data("rows", rows).data("created", created).data("error", error).data("problem", problem)
                .data("typed", typed == null ? "" : typed);
    }

    private String bearer() {
        return "Bearer " + current.token();
    }
}
