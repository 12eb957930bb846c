package org.rollcall.identity.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.rollcall.events.api.AuditView;
import org.rollcall.events.api.Correction;
import org.rollcall.events.api.ManualEntry;
import org.rollcall.events.api.Page;
import org.rollcall.events.api.PolicyView;
import org.rollcall.events.api.RecordView;
import org.rollcall.identity.account.InvalidInput;
import org.rollcall.identity.account.User;
import org.rollcall.identity.attendance.LocalTimes;
import org.rollcall.identity.attendance.RulesForm;
import org.rollcall.identity.clients.AttendanceClient;
import org.rollcall.identity.clients.ServiceRefusal;
import org.rollcall.identity.org.OrgService;
import org.rollcall.identity.org.Site;
import org.rollcall.identity.session.CurrentUser;

/**
 * Attendance for admins: the history with filters and its CSV, a record with its audit trail and
 * a correction, manual entries, and the organization's rules. Writes go to attendance with the
 * admin's own token, so the audit trail names the admin; every time is shown and typed in the
 * zone of the site it belongs to.
 */
@Path("/attendance")
@Produces(MediaType.TEXT_HTML)
public class AttendancePages {
    static final int PAGE_SIZE = 50;
    private static final Pattern SNAPSHOT = Pattern.compile("checkIn=(\\S+) checkOut=(\\S+)");

    private final Template history;
    private final Template record;
    private final Template rules;
    private final CurrentUser current;
    private final OrgService org;
    private final AttendanceClient attendance;

    public AttendancePages(@Location("attendance.html") Template history, @Location("record.html") Template record,
            @Location("rules.html") Template rules, CurrentUser current, OrgService org, @RestClient AttendanceClient attendance) {
        this.history = history;
        this.record = record;
        this.rules = rules;
        this.current = current;
        this.org = org;
        this.attendance = attendance;
    }

    /** A record as a row of the history: names instead of ids, times in the site's zone. */
    public record Row(long id, String day, String person, String site, String checkIn, String checkOut, String zone, boolean late,
            boolean earlyLeave, boolean manual) {
    }

    /** An audit entry as people read it. */
    public record AuditRow(String at, String actor, String action, String reason, String before, String after) {
    }

    /** The filters of the history, as typed (blank: not filtered). */
    public record Filters(String person, String site, String from, String to, int page) {
        String query() {
            return "?personId=" + enc(person) + "&siteId=" + enc(site) + "&from=" + enc(from) + "&to=" + enc(to);
        }
    }

    @GET
    public TemplateInstance history(@QueryParam("person") String person, @QueryParam("site") String site,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") Integer page) {
        User u = current.requireAdmin();
        Filters f = new Filters(nz(person), nz(site), nz(from), nz(to), page == null || page < 0 ? 0 : page);
        return historyPage(u, f, Map.of(), Map.of(), null);
    }

    private TemplateInstance historyPage(User u, Filters f, Map<String, String> errors, Map<String, String> form, String notice) {
        Map<String, String> people = User.namesIn(u.orgId);
        List<Site> siteList = org.sites(u.orgId);
        Map<String, String> sites = siteNames(siteList);
        List<Row> rows = new ArrayList<>();
        long total = 0;
        String problem = null;
        try {
            Page<RecordView> p = attendance.records(bearer(), date(f.from(), "from"), date(f.to(), "to"), blank(f.site()),
                    blank(f.person()), f.page(), PAGE_SIZE);
            total = p.total();
            p.items().forEach(r -> rows.add(row(r, people, sites)));
        } catch (InvalidInput e) {
            problem = e.getMessage();
        } catch (ServiceRefusal e) {
            problem = e.error().detail();
        }
        List<Map.Entry<String, String>> personOptions = new ArrayList<>(people.entrySet());
        personOptions.sort(Map.Entry.comparingByValue(String.CASE_INSENSITIVE_ORDER));
        return history.data("user", u).data("rows", rows).data("total", total).data("filters", f).data("problem", problem)
                .data("people", personOptions).data("sites", siteList).data("csv", "/export.csv" + f.query())
                .data("previous", f.page() > 0 ? "/attendance" + pageQuery(f, f.page() - 1) : null)
                .data("next", (long) (f.page() + 1) * PAGE_SIZE < total ? "/attendance" + pageQuery(f, f.page() + 1) : null)
                .data("errors", errors).data("form", form).data("notice", notice);
    }

    /** A manual entry: an admin records a day someone was present without being seen (badge reader down, visit off site). */
    @POST
    @Path("manual")
    public Response manual(@RestForm String personId, @RestForm String siteId, @RestForm String day, @RestForm String checkIn,
            @RestForm String checkOut, @RestForm String reason) {
        User u = current.requireAdmin();
        Map<String, String> form = new HashMap<>();
        form.put("personId", nz(personId));
        form.put("siteId", nz(siteId));
        form.put("day", nz(day));
        form.put("checkIn", nz(checkIn));
        form.put("checkOut", nz(checkOut));
        form.put("reason", nz(reason));
        Filters none = new Filters("", "", "", "", 0);
        try {
            if (User.inOrg(u.orgId, nz(personId)) == null) {
                throw InvalidInput.of("personId", "Choose a person.");
            }
            String site = blank(siteId);
            if (site != null && org.sites(u.orgId).stream().noneMatch(s -> s.id.equals(site))) {
                throw InvalidInput.of("siteId", "Choose a site.");
            }
            if (nz(reason).isBlank()) {
                throw InvalidInput.of("reason", "Say why (it is kept in the audit trail).");
            }
            LocalDate d = date(day, "day");
            if (d == null) {
                throw InvalidInput.of("day", "Enter the day.");
            }
            // the site's zone as attendance reckons it, so the day attendance checks is the day typed
            ZoneId zone = zoneOf(attendance.policy(bearer()), site);
            Instant in = LocalTimes.at(d, checkIn, zone, "checkIn", false);
            Instant out = LocalTimes.at(d, checkOut, zone, "checkOut", true);
            RecordView r = attendance.manual(bearer(), new ManualEntry(personId, site, d, in, out, reason.trim()));
            return Response.seeOther(URI.create("/attendance/records/" + r.id() + "?saved=manual")).build();
        } catch (InvalidInput e) {
            return PeoplePages.html(400, historyPage(u, none, e.errors(), form, null));
        } catch (ServiceRefusal e) {
            return PeoplePages.html(e.status() == 409 ? 409 : 400, historyPage(u, none, Map.of("manual", e.error().detail()), form, null));
        }
    }

    @GET
    @Path("records/{id}")
    public TemplateInstance record(@PathParam("id") long id, @QueryParam("saved") String saved) {
        User u = current.requireAdmin();
        return recordPage(u, id, Map.of(), null, "correction".equals(saved) ? "The correction was saved and published."
                : "manual".equals(saved) ? "The manual entry was saved and published." : null);
    }

    private TemplateInstance recordPage(User u, long id, Map<String, String> errors, Map<String, String> form, String notice) {
        RecordView r = found(id);
        Map<String, String> people = User.namesIn(u.orgId);
        Map<String, String> sites = siteNames(org.sites(u.orgId));
        ZoneId zone = LocalTimes.zone(r.zone());
        List<AuditRow> trail = new ArrayList<>();
        for (AuditView a : attendance.audit(bearer(), id)) {
            trail.add(new AuditRow(LocalTimes.day(a.at().atZone(zone).toLocalDate()) + " " + LocalTimes.time(a.at(), zone),
                    people.getOrDefault(a.actor(), a.actor()), a.action().toLowerCase(), a.reason(), snapshot(a.before(), zone),
                    snapshot(a.after(), zone)));
        }
        Map<String, String> values = form != null ? form
                : Map.of("checkIn", LocalTimes.clock(r.checkIn(), zone), "checkOut", LocalTimes.clock(r.checkOut(), zone), "reason", "");
        return record.data("user", u).data("r", row(r, people, sites)).data("dayLong", LocalTimes.day(r.day()))
                .data("trail", trail).data("errors", errors).data("form", values).data("notice", notice);
    }

    @POST
    @Path("records/{id}/correct")
    public Response correct(@PathParam("id") long id, @RestForm String checkIn, @RestForm String checkOut, @RestForm String reason) {
        User u = current.requireAdmin();
        Map<String, String> form = Map.of("checkIn", nz(checkIn), "checkOut", nz(checkOut), "reason", nz(reason));
        RecordView r = found(id);
        try {
            if (nz(reason).isBlank()) {
                throw InvalidInput.of("reason", "Say why (it is kept in the audit trail).");
            }
            ZoneId zone = LocalTimes.zone(r.zone());
            attendance.correct(bearer(), id, new Correction(LocalTimes.at(r.day(), checkIn, zone, "checkIn", false),
                    LocalTimes.at(r.day(), checkOut, zone, "checkOut", true), reason.trim()));
            return Response.seeOther(URI.create("/attendance/records/" + id + "?saved=correction")).build();
        } catch (InvalidInput e) {
            return PeoplePages.html(400, recordPage(u, id, e.errors(), form, null));
        } catch (ServiceRefusal e) {
            return PeoplePages.html(400, recordPage(u, id, Map.of("correction", e.error().detail()), form, null));
        }
    }

    @GET
    @Path("rules")
    public TemplateInstance rules(@QueryParam("saved") String saved) {
        User u = current.requireAdmin();
        PolicyView p = attendance.policy(bearer());
        return rulesPage(u, p, RulesForm.of(p), Map.of(), saved != null ? "The rules were saved; they apply from the next sighting." : null);
    }

    @POST
    @Path("rules")
    public Response saveRules(@RestForm String similarity, @RestForm String livenessOn, @RestForm String liveness,
            @RestForm String cooldown, @RestForm String zone, @RestForm String start, @RestForm String end, @RestForm String grace) {
        User u = current.requireAdmin();
        RulesForm form = new RulesForm(similarity, livenessOn, liveness, cooldown, zone, start, end, grace);
        try {
            attendance.updatePolicy(bearer(), form.toPolicy());
            return Response.seeOther(URI.create("/attendance/rules?saved=1")).build();
        } catch (InvalidInput e) {
            // the rules in force are read only to show the page again
            return PeoplePages.html(400, rulesPage(u, attendance.policy(bearer()), form, e.errors(), null));
        } catch (ServiceRefusal e) {
            return PeoplePages.html(400, rulesPage(u, attendance.policy(bearer()), form, Map.of("rules", e.error().detail()), null));
        }
    }

    /** A site's zone as the rules page shows it: where it comes from matters when they differ. */
    public record SiteZoneRow(String site, String zone, String attendanceZone) {
    }

    private TemplateInstance rulesPage(User u, PolicyView p, RulesForm form, Map<String, String> errors, String notice) {
        List<SiteZoneRow> zones = new ArrayList<>();
        for (Site s : org.sites(u.orgId)) {
            zones.add(new SiteZoneRow(s.name, s.zone, zoneOf(p, s.id).getId()));
        }
        return rules.data("user", u).data("form", form).data("errors", errors).data("notice", notice).data("siteZones", zones)
                .data("zones", SitePages.ZONES).data("bounds", Map.of("minSimilarity", RulesForm.MIN_SIMILARITY,
                        "maxSimilarity", RulesForm.MAX_SIMILARITY, "minLiveness", RulesForm.MIN_LIVENESS,
                        "maxLiveness", RulesForm.MAX_LIVENESS));
    }

    private RecordView found(long id) {
        try {
            return attendance.record(bearer(), id);
        } catch (ServiceRefusal e) {
            // another organization's id, or none: nothing here
            throw new NotFoundException();
        }
    }

    private static Map<String, String> siteNames(List<Site> sites) {
        Map<String, String> names = new HashMap<>();
        sites.forEach(s -> names.put(s.id, s.name));
        return names;
    }

    private static ZoneId zoneOf(PolicyView p, String siteId) {
        String z = siteId == null || p.siteZones() == null ? null : p.siteZones().get(siteId);
        return LocalTimes.zone(z != null ? z : p.zone());
    }

    private static Row row(RecordView r, Map<String, String> people, Map<String, String> sites) {
        ZoneId zone = LocalTimes.zone(r.zone());
        return new Row(r.id(), r.day().toString(), people.getOrDefault(r.personId(), "(erased or unknown person)"),
                r.siteId() == null ? "no site" : sites.getOrDefault(r.siteId(), r.siteId()), LocalTimes.clock(r.checkIn(), zone),
                LocalTimes.clock(r.checkOut(), zone), zone.getId(), r.late(), r.earlyLeave(), "MANUAL".equals(r.source()));
    }

    /** "in 08:45 JST, out 17:05 JST" from attendance's audit snapshot. */
    static String snapshot(String s, ZoneId zone) {
        if (s == null) {
            return "";
        }
        Matcher m = SNAPSHOT.matcher(s);
        if (!m.find()) {
            return s;
        }
        return "in " + instant(m.group(1), zone) + ", out " + (m.group(2).equals("null") ? "none" : instant(m.group(2), zone));
    }

    private static String instant(String v, ZoneId zone) {
        try {
            return LocalTimes.time(Instant.parse(v), zone);
        } catch (DateTimeParseException e) {
            return v;
        }
    }

    private String bearer() {
        return "Bearer " + current.token();
    }

    private static String pageQuery(Filters f, int page) {
        return "?person=" + enc(f.person()) + "&site=" + enc(f.site()) + "&from=" + enc(f.from()) + "&to=" + enc(f.to())
                + "&page=" + page;
    }

    private static LocalDate date(String v, String field) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInput.of(field, "Enter a date as YYYY-MM-DD.");
        }
    }

    private static String enc(String v) {
        return URLEncoder.encode(nz(v), StandardCharsets.UTF_8);
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
