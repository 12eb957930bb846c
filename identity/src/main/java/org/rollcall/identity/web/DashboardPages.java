package org.rollcall.identity.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rollcall.identity.ServiceUnavailable;
import org.rollcall.identity.account.User;
import org.rollcall.identity.enroll.EnrollmentService;
import org.rollcall.identity.enroll.ServiceClient;
import org.rollcall.identity.org.OrgService;
import org.rollcall.identity.org.Site;

/** The admin dashboard and the user's own page. Each widget degrades on its own if a service is away. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {
    static final int CHART_DAYS = 14;

    private final Template dashboard;
    private final Template me;
    private final CurrentUser current;
    private final ServiceClient services;
    private final OrgService org;
    private final EnrollmentService enrollment;

    public DashboardPages(@Location("dashboard.html") Template dashboard, @Location("me.html") Template me, CurrentUser current,
            ServiceClient services, OrgService org, EnrollmentService enrollment) {
        this.dashboard = dashboard;
        this.me = me;
        this.current = current;
        this.services = services;
        this.org = org;
        this.enrollment = enrollment;
    }

    /** One bar of the 14-day chart, laid out on the server (no script needed). */
    public record Bar(String day, long present, long late, int x, int y, int height, int lateY, int lateHeight) {
    }

    /** Who is in today at one site. */
    public record SiteToday(String name, List<String> people) {
    }

    @GET
    @Path("dashboard")
    public TemplateInstance dashboard() {
        User u = current.requireAdmin();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String token = services.serviceToken(u.orgId, "admin");
        Map<String, Object> summary = null;
        List<SiteToday> sites = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        boolean attendanceUp = true;
        try {
            JsonNode s = services.attendance("/api/v1/attendance/summary?day=" + today, token).body();
            summary = Map.of("present", s.path("present").asLong(), "late", s.path("late").asLong(),
                    "absent", s.path("absent").asLong(), "enrolled", s.path("enrolled").asLong());
            Map<String, String> names = names(u.orgId);
            Map<String, String> siteNames = new HashMap<>();
            for (Site site : org.sites(u.orgId)) {
                siteNames.put(site.id, site.name);
            }
            Map<String, List<String>> bySite = new LinkedHashMap<>();
            for (JsonNode r : services.attendance("/api/v1/attendance?from=" + today + "&to=" + today + "&size=500", token)
                    .body().path("items")) {
                String site = siteNames.getOrDefault(r.path("siteId").asText(), "Manual entries");
                String who = names.getOrDefault(r.path("personId").asText(), r.path("personId").asText());
                bySite.computeIfAbsent(site, k -> new ArrayList<>()).add(who + (r.path("late").asBoolean() ? " (late)" : ""));
            }
            bySite.forEach((k, v) -> sites.add(new SiteToday(k, v)));
            bars = chart(services.attendance("/api/v1/attendance/daily?from=" + today.minusDays(CHART_DAYS - 1) + "&to=" + today,
                    token).body(), today);
        } catch (ServiceUnavailable e) {
            attendanceUp = false;
        }
        return dashboard.data("user", u).data("summary", summary).data("sites", sites).data("bars", bars)
                .data("attendanceUp", attendanceUp).data("cameras", org.cameras(u.orgId)).data("today", today.toString());
    }

    @GET
    @Path("me")
    public TemplateInstance me() {
        User u = current.require();
        List<Map<String, Object>> history = new ArrayList<>();
        boolean attendanceUp = true;
        try {
            // the user's own token: attendance shows a member only their own records
            for (JsonNode r : services.attendance("/api/v1/attendance?size=60", current.token()).body().path("items")) {
                history.add(Map.of("day", r.path("day").asText(), "checkIn", time(r.path("checkIn")), "checkOut",
                        time(r.path("checkOut")), "late", r.path("late").asBoolean(), "source", r.path("source").asText()));
            }
        } catch (ServiceUnavailable e) {
            attendanceUp = false;
        }
        return me.data("user", u).data("history", history).data("attendanceUp", attendanceUp)
                .data("photos", enrollment.photos(u.orgId, u.id)).data("errors", Map.of()).data("result", null);
    }

    static String time(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        String t = n.asText();
        return t.length() >= 16 ? t.substring(11, 16) + " UTC" : t;
    }

    private static Map<String, String> names(String orgId) {
        Map<String, String> names = new HashMap<>();
        for (User p : User.<User>list("orgId", orgId)) {
            names.put(p.id, p.displayName);
        }
        return names;
    }

    static List<Bar> chart(JsonNode daily, LocalDate today) {
        Map<String, long[]> counts = new HashMap<>();
        long max = 1;
        for (JsonNode d : daily) {
            long present = d.path("present").asLong();
            counts.put(d.path("day").asText(), new long[] {present, d.path("late").asLong()});
            max = Math.max(max, present);
        }
        List<Bar> bars = new ArrayList<>();
        int height = 120;
        for (int i = 0; i < CHART_DAYS; i++) {
            LocalDate day = today.minusDays(CHART_DAYS - 1 - i);
            long[] c = counts.getOrDefault(day.toString(), new long[2]);
            int h = (int) Math.round((double) c[0] / max * height);
            int lh = (int) Math.round((double) c[1] / max * height);
            bars.add(new Bar(day.toString().substring(5), c[0], c[1], 10 + i * 40, 130 - h, h, 130 - lh, lh));
        }
        return bars;
    }
}
