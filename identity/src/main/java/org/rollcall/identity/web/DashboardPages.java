package org.rollcall.identity.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rollcall.identity.account.User;
import org.rollcall.identity.attendance.LocalTimes;
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
        Instant now = Instant.now();
        String token = "Bearer " + services.serviceToken(u.orgId, "admin");
        // the organization's people, sites and cameras, read once for every widget
        List<User> people = User.list("orgId", io.quarkus.panache.common.Sort.by("displayName"), u.orgId);
        Map<String, String> names = new HashMap<>();
        people.forEach(p -> names.put(p.id, p.displayName));
        List<org.rollcall.identity.org.Camera> cameras = org.cameras(u.orgId);
        List<Site> siteList = org.sites(u.orgId);
        Map<String, Site> siteById = new HashMap<>();
        siteList.forEach(s -> siteById.put(s.id, s));
        // each site's own today; the chart ends at the latest of them
        java.util.TreeSet<LocalDate> todays = new java.util.TreeSet<>();
        siteList.forEach(s -> todays.add(LocalDate.ofInstant(now, LocalTimes.zone(s.zone))));
        if (todays.isEmpty()) {
            todays.add(LocalDate.ofInstant(now, ZoneOffset.UTC));
        }
        LocalDate latest = todays.last();
        Map<String, Object> summary = null;
        List<SiteToday> sites = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        boolean attendanceUp = true;
        try {
            // without a day attendance counts each site on its own local date
            org.rollcall.events.api.AttendanceSummary s = attendance.summary(token, null);
            summary = Map.of("present", s.present(), "late", s.late(), "absent", s.absent() == null ? 0L : s.absent(),
                    "enrolled", s.enrolled());
            Map<String, List<String>> bySite = new LinkedHashMap<>();
            Map<String, String> headings = new HashMap<>();
            // every zone's today lies within a day of UTC's: read that window, keep each record's own today
            LocalDate utc = LocalDate.ofInstant(now, ZoneOffset.UTC);
            for (org.rollcall.events.api.RecordView r : attendance.records(token, utc.minusDays(1), utc.plusDays(1), null, null, 0, 500)
                    .items()) {
                java.time.ZoneId zone = LocalTimes.zone(r.zone());
                if (!r.day().equals(LocalDate.ofInstant(now, zone))) {
                    continue;
                }
                Site site = r.siteId() == null ? null : siteById.get(r.siteId());
                String key = site == null ? "" : site.id;
                headings.putIfAbsent(key, (site == null ? "Manual entries" : site.name) + " · " + LocalTimes.day(r.day()) + " · "
                        + zone.getId());
                String who = names.get(r.personId());
                if (who != null) {
                    bySite.computeIfAbsent(key, k -> new ArrayList<>()).add(who + " (in " + LocalTimes.time(r.checkIn(), zone) + ")"
                            + (r.late() ? " late" : ""));
                }
            }
            bySite.forEach((k, v) -> sites.add(new SiteToday(headings.get(k), v)));
            bars = chart(attendance.daily(token, latest.minusDays(CHART_DAYS - 1), latest), latest);
        } catch (RuntimeException e) {
            // attendance not reachable, refused, or too slow: the rest of the dashboard works
            attendanceUp = false;
        }
        String todayLabel = todays.size() == 1 ? LocalTimes.day(latest) : "each site's own date";
        return dashboard.data("user", u).data("summary", summary).data("sites", sites).data("bars", bars)
                .data("attendanceUp", attendanceUp).data("cameras", cameraRows(u.orgId, cameras)).data("today", todayLabel)
                .data("faces", faces(u.orgId, names, cameras, siteById)).data("people", people)
                .data("consentVersion", ConsentText.VERSION)
                .data("consentText", ConsentText.STATEMENT)
                .data("visitorResult", null);
    }

    /**
     * A recent face or an unknown visitor, with its thumbnail as a data URI (memory only, never
     * stored); {@code times} is how many recent frames of that camera showed them.
     */
    public record FaceRow(String label, boolean known, String camera, String at, String image, String clusterId, int sightings,
            int times) {
    }

    private Map<String, List<FaceRow>> faces(String orgId, Map<String, String> names, List<org.rollcall.identity.org.Camera> cams,
            Map<String, Site> sites) {
        Map<String, List<FaceRow>> out = new HashMap<>(Map.of("recent", new ArrayList<>(), "visitors", new ArrayList<>()));
        Map<String, org.rollcall.identity.org.Camera> cameras = new HashMap<>();
        cams.forEach(c -> cameras.put(c.id, c));
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        // one line per person (or visitor) and camera: the newest frame, and how many there were
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, org.rollcall.events.RecentFace> newest = new LinkedHashMap<>();
        for (org.rollcall.events.RecentFace f : views.faces().recent(orgId)) {
            if (f.personId() != null && !names.containsKey(f.personId())) {
                continue; // an erased person: no face, no name
            }
            String key = (f.personId() != null ? "p:" + f.personId() : "u:" + f.unknownClusterId()) + "@" + f.cameraId();
            newest.putIfAbsent(key, f);
            seen.merge(key, 1, Integer::sum);
        }
        newest.forEach((key, f) -> {
            boolean known = f.personId() != null;
            org.rollcall.identity.org.Camera c = cameras.get(f.cameraId());
            java.time.ZoneId zone = zoneOf(c, sites);
            out.get("recent").add(new FaceRow(known ? names.get(f.personId()) : "unknown visitor", known, c == null ? "" : c.name,
                    LocalTimes.time(f.at(), zone), "data:image/jpeg;base64," + b64.encodeToString(f.thumbnail()),
                    known ? "" : f.unknownClusterId(), 0, seen.get(key)));
        });
        for (var v : views.faces().visitors(orgId, MIN_VISITOR_SIGHTINGS)) {
            out.get("visitors").add(new FaceRow("unknown visitor", false, "", LocalTimes.time(v.lastSeen(), java.time.ZoneOffset.UTC),
                    "data:image/jpeg;base64," + b64.encodeToString(v.crop()), v.clusterId(), v.sightings(), 1));
        }
        return out;
    }

    private static java.time.ZoneId zoneOf(org.rollcall.identity.org.Camera c, Map<String, Site> sites) {
        Site s = c == null ? null : sites.get(c.siteId);
        return LocalTimes.zone(s == null ? null : s.zone);
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

    /**
     * The attendance CSV of the admin's organization, streamed through from attendance with the
     * history page's filters (blank: attendance's defaults, the 30 days up to the latest local today).
     */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public jakarta.ws.rs.core.Response export(@jakarta.ws.rs.QueryParam("from") String from, @jakarta.ws.rs.QueryParam("to") String to,
            @jakarta.ws.rs.QueryParam("siteId") String siteId, @jakarta.ws.rs.QueryParam("personId") String personId) {
        User u = current.requireAdmin();
        StringBuilder q = new StringBuilder();
        param(q, "from", parse(from));
        param(q, "to", parse(to));
        param(q, "siteId", siteId);
        param(q, "personId", personId);
        var r = services.exportCsv(u.orgId, q.length() == 0 ? "" : "?" + q.substring(1));
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            try (var in = r.body()) {
                in.transferTo(out);
            }
        };
        return jakarta.ws.rs.core.Response.ok(body, "text/csv; charset=utf-8").header("Content-Disposition",
                r.headers().firstValue("Content-Disposition").orElse("attachment; filename=\"attendance.csv\"")).build();
    }

    private static void param(StringBuilder q, String name, String value) {
        if (value != null && !value.isBlank()) {
            q.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value.trim(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String parse(String v) {
        try {
            return v == null || v.isBlank() ? null : LocalDate.parse(v.trim()).toString();
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
            for (org.rollcall.events.api.RecordView r : attendance.records("Bearer " + current.token(), null, null, null, u.id, 0, 60)
                    .items()) {
                java.time.ZoneId zone = LocalTimes.zone(r.zone());
                history.add(Map.of("day", r.day().toString(), "checkIn", LocalTimes.clock(r.checkIn(), zone), "checkOut",
                        LocalTimes.clock(r.checkOut(), zone), "zone", zone.getId(), "late", r.late(), "source", r.source()));
            }
        } catch (RuntimeException e) {
            attendanceUp = false;
        }
        return me.data("user", u).data("history", history).data("attendanceUp", attendanceUp)
                .data("photos", enrollment.photos(u.orgId, u.id)).data("errors", Map.of()).data("result", null);
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
