package org.rollcall.identity.web;

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
import org.rollcall.identity.enroll.ConsentText;
import org.rollcall.identity.enroll.EnrollmentService;
import org.rollcall.identity.enroll.ServiceClient;
import org.rollcall.identity.org.OrgService;
import org.rollcall.identity.org.Site;
import org.rollcall.identity.session.CurrentUser;

/** The admin dashboard and the user's own page. Each widget degrades on its own if a service is away. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {
    static final int CHART_DAYS = 14;
    /** A visitor is worth enrolling once seen this often. */
    static final int MIN_VISITOR_SIGHTINGS = 3;

    private final Template dashboard;
    private final Template me;
    private final CurrentUser current;
    private final ServiceClient services;
    private final OrgService org;
    private final EnrollmentService enrollment;
    private final org.rollcall.identity.dashboard.DashboardViews views;
    private final org.rollcall.identity.clients.AttendanceClient attendance;

    public DashboardPages(@Location("dashboard.html") Template dashboard, @Location("me.html") Template me, CurrentUser current,
            ServiceClient services, OrgService org, EnrollmentService enrollment, org.rollcall.identity.dashboard.DashboardViews views,
            @org.eclipse.microprofile.rest.client.inject.RestClient org.rollcall.identity.clients.AttendanceClient attendance) {
        this.views = views;
        this.attendance = attendance;
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

    /** A camera with what frame-ingest says about it. */
    public record CameraRow(String name, String kind, boolean enabled, String state, String lastError) {
    }

    /** Who is in today at one site. */
    public record SiteToday(String name, List<String> people) {
    }

    @GET
    @Path("dashboard")
    public TemplateInstance dashboard() {
        User u = current.requireAdmin();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String token = "Bearer " + services.serviceToken(u.orgId, "admin");
        // the organization's people and cameras, read once for every widget
        List<User> people = User.list("orgId", io.quarkus.panache.common.Sort.by("displayName"), u.orgId);
        Map<String, String> names = new HashMap<>();
        people.forEach(p -> names.put(p.id, p.displayName));
        List<org.rollcall.identity.org.Camera> cameras = org.cameras(u.orgId);
        Map<String, Object> summary = null;
        List<SiteToday> sites = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        boolean attendanceUp = true;
        try {
            org.rollcall.events.api.AttendanceSummary s = attendance.summary(token, today);
            summary = Map.of("present", s.present(), "late", s.late(), "absent", s.absent() == null ? 0L : s.absent(),
                    "enrolled", s.enrolled());
            Map<String, String> siteNames = new HashMap<>();
            for (Site site : org.sites(u.orgId)) {
                siteNames.put(site.id, site.name);
            }
            Map<String, List<String>> bySite = new LinkedHashMap<>();
            for (org.rollcall.events.api.RecordView r : attendance.records(token, today, today, null, 500).items()) {
                String site = siteNames.getOrDefault(r.siteId() == null ? "" : r.siteId(), "Manual entries");
                String who = names.getOrDefault(r.personId(), r.personId());
                bySite.computeIfAbsent(site, k -> new ArrayList<>()).add(who + (r.late() ? " (late)" : ""));
            }
            bySite.forEach((k, v) -> sites.add(new SiteToday(k, v)));
            bars = chart(attendance.daily(token, today.minusDays(CHART_DAYS - 1), today), today);
        } catch (RuntimeException e) {
            // attendance not reachable, refused, or too slow: the rest of the dashboard works
            attendanceUp = false;
        }
        return dashboard.data("user", u).data("summary", summary).data("sites", sites).data("bars", bars)
                .data("attendanceUp", attendanceUp).data("cameras", cameraRows(u.orgId, cameras)).data("today", today.toString())
                .data("faces", faces(u.orgId, names, cameras)).data("people", people)
                .data("consentVersion", ConsentText.VERSION)
                .data("consentText", ConsentText.STATEMENT)
                .data("from", today.minusDays(30).toString()).data("visitorResult", null);
    }

    /** A recent face or an unknown visitor, with its thumbnail as a data URI (memory only, never stored). */
    public record FaceRow(String label, boolean known, String camera, String at, String image, String clusterId, int sightings) {
    }

    private Map<String, List<FaceRow>> faces(String orgId, Map<String, String> names, List<org.rollcall.identity.org.Camera> cams) {
        Map<String, List<FaceRow>> out = new HashMap<>(Map.of("recent", new ArrayList<>(), "visitors", new ArrayList<>()));
        Map<String, String> cameras = new HashMap<>();
        cams.forEach(c -> cameras.put(c.id, c.name));
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        for (org.rollcall.events.RecentFace f : views.faces().recent(orgId)) {
            boolean known = f.personId() != null;
            out.get("recent").add(new FaceRow(known ? names.getOrDefault(f.personId(), f.personId()) : "unknown visitor", known,
                    cameras.getOrDefault(f.cameraId(), ""), time(f.at()), "data:image/jpeg;base64," + b64.encodeToString(f.thumbnail()),
                    known ? "" : f.unknownClusterId(), 0));
        }
        for (var v : views.faces().visitors(orgId, MIN_VISITOR_SIGHTINGS)) {
            out.get("visitors").add(new FaceRow("unknown visitor", false, "", time(v.lastSeen()),
                    "data:image/jpeg;base64," + b64.encodeToString(v.crop()), v.clusterId(), v.sightings()));
        }
        return out;
    }

    /** "Enroll as...": a repeated unknown visitor becomes one of the organization's people. */
    @jakarta.ws.rs.POST
    @Path("dashboard/visitors/{clusterId}/enroll")
    public jakarta.ws.rs.core.Response enrollVisitor(@jakarta.ws.rs.PathParam("clusterId") String clusterId,
            @org.jboss.resteasy.reactive.RestForm String personId, @org.jboss.resteasy.reactive.RestForm String consent,
            @org.jboss.resteasy.reactive.RestForm String consentVersion) {
        User u = current.requireAdmin();
        EnrollmentService.Result r;
        try {
            var given = !"on".equals(consent) ? null : ConsentText.given(consentVersion,
                    "confirmed by an administrator enrolling a dashboard visitor, on the person's behalf");
            r = enrollment.enrollVisitor(u.orgId, clusterId, personId == null ? "" : personId, given, u.id);
        } catch (org.rollcall.identity.account.InvalidInput e) {
            r = new EnrollmentService.Result("visitor", false, "consent", e.getMessage(), null);
        }
        if (r.enrolled()) {
            return jakarta.ws.rs.core.Response.seeOther(java.net.URI.create("/people/" + personId)).build();
        }
        return PeoplePages.html(422, dashboard().data("visitorResult", r));
    }

    private List<CameraRow> cameraRows(String orgId, List<org.rollcall.identity.org.Camera> cameras) {
        List<CameraRow> rows = new ArrayList<>();
        for (var c : cameras) {
            org.rollcall.events.CameraStatus st = views.cameras().camera(c.id);
            String state = !c.enabled ? "disabled" : st == null ? "unknown" : st.state().toLowerCase().replace('_', ' ');
            rows.add(new CameraRow(c.name, c.kind, c.enabled, state, st == null ? null : st.detail()));
        }
        return rows;
    }

    /** The attendance CSV of the admin's organization, streamed through from attendance. */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public jakarta.ws.rs.core.Response export(@jakarta.ws.rs.QueryParam("from") String from, @jakarta.ws.rs.QueryParam("to") String to) {
        User u = current.requireAdmin();
        LocalDate end = parse(to, LocalDate.now(ZoneOffset.UTC));
        LocalDate start = parse(from, end.minusDays(30));
        var r = services.exportCsv(u.orgId, "?from=" + start + "&to=" + end);
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            try (var in = r.body()) {
                in.transferTo(out);
            }
        };
        return jakarta.ws.rs.core.Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"attendance-" + start + "-" + end + ".csv\"").build();
    }

    private static LocalDate parse(String v, LocalDate fallback) {
        try {
            return v == null || v.isBlank() ? fallback : LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new jakarta.ws.rs.BadRequestException();
        }
    }

    @GET
    @Path("me")
    public TemplateInstance me() {
        User u = current.require();
        List<Map<String, Object>> history = new ArrayList<>();
        boolean attendanceUp = true;
        try {
            // the user's own token: attendance shows a member only their own records
            // the user's own records even when they are an admin (who could see everyone's)
            for (org.rollcall.events.api.RecordView r : attendance.records("Bearer " + current.token(), null, null, u.id, 60).items()) {
                history.add(Map.of("day", r.day().toString(), "checkIn", time(r.checkIn()), "checkOut", time(r.checkOut()),
                        "late", r.late(), "source", r.source()));
            }
        } catch (RuntimeException e) {
            attendanceUp = false;
        }
        return me.data("user", u).data("history", history).data("attendanceUp", attendanceUp)
                .data("photos", enrollment.photos(u.orgId, u.id)).data("errors", Map.of()).data("result", null);
    }

    /** A time of day as the dashboards show it (HH:mm UTC). */
    static String time(java.time.Instant t) {
        return t == null ? "" : java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(t) + " UTC";
    }

    static List<Bar> chart(List<org.rollcall.events.api.DayCount> daily, LocalDate today) {
        Map<String, long[]> counts = new HashMap<>();
        long max = 1;
        for (org.rollcall.events.api.DayCount d : daily) {
            counts.put(d.day().toString(), new long[] {d.present(), d.late()});
            max = Math.max(max, d.present());
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
