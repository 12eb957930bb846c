package org.rollcall.attendance.record;

import org.rollcall.events.api.AttendanceSummary;
import org.rollcall.events.api.AuditView;
import org.rollcall.events.api.Correction;
import org.rollcall.events.api.ManualEntry;
import org.rollcall.events.api.DayCount;
import org.rollcall.events.api.Page;
import org.rollcall.events.api.RecordView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.rollcall.attendance.outbox.OutboxPublisher;
import org.rollcall.attendance.policy.Policy;
import org.rollcall.attendance.policy.PolicyStore;
import org.rollcall.attendance.security.Caller;
import org.rollcall.events.Claims.Roles;
import org.rollcall.events.Claims.Scopes;

/**
 * Attendance records of the caller's organization. Admins and integrators see the organization,
 * members only themselves; an id of another organization (or, for a member, of another person)
 * is 404, so ids reveal nothing.
 */
@Path("/api/v1/attendance")
@Tag(name = "Attendance", description = "Check-ins and check-outs per person and local day")
@Produces(MediaType.APPLICATION_JSON)
public class AttendanceResource {
    static final int MAX_PAGE_SIZE = 500;
    static final int MAX_RANGE_DAYS = 366;

    private final Caller caller;
    private final RecordQueries queries;
    private final Ledger ledger;
    private final CsvExport csv;
    private final OutboxPublisher publisher;
    private final PolicyStore policies;

    public AttendanceResource(Caller caller, RecordQueries queries, Ledger ledger, CsvExport csv, OutboxPublisher publisher,
            PolicyStore policies) {
        this.policies = policies;
        this.caller = caller;
        this.queries = queries;
        this.ledger = ledger;
        this.csv = csv;
        this.publisher = publisher;
    }

    @Operation(summary = "List attendance records",
            description = "Newest first, one per person and local day. Admins and API keys with attendance:read see the organization, members "
                    + "themselves. Without `to`: up to the latest local today of the organization's sites; without `from`: "
                    + "30 days before `to`. Each record carries its site's time zone. Walk long lists with `next`: passed back as "
                    + "`cursor` (with the same filters) it starts the following page, and records added meanwhile never shift it.")
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER, Scopes.ATTENDANCE_READ})
    public Page<RecordView> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("siteId") String siteId, @QueryParam("personId") String personId,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("cursor") String cursor) {
        Policy policy = policies.get(caller.orgId());
        LocalDate[] range = range(from, to, policy);
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0 || s < 1 || s > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
        }
        return queries.list(caller.orgId(), range[0], range[1], siteId, scopedPerson(personId), p, s, cursor, policy);
    }

    @Operation(summary = "One attendance record",
            description = "404 for another organization's id (or, for a member, another person's).")
    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER, Scopes.ATTENDANCE_READ})
    public RecordView one(@PathParam("id") long id) {
        AttendanceRecord r = queries.one(caller.orgId(), id, caller.seesOrganization() ? null : caller.personId());
        if (r == null) {
            throw new NotFoundException();
        }
        return RecordViews.of(r, policies.get(caller.orgId()));
    }

    @Operation(summary = "A record's audit trail",
            description = "Manual entries and corrections with who, when, why, before and after (admin).")
    @GET
    @Path("{id}/audit")
    @RolesAllowed(Roles.ADMIN)
    public List<AuditView> audit(@PathParam("id") long id) {
        if (queries.one(caller.orgId(), id, null) == null) {
            throw new NotFoundException();
        }
        return queries.audit(caller.orgId(), id).stream().map(a -> new AuditView(a.actor, a.action, a.reason, a.before, a.after, a.at)).toList();
    }

    @Operation(summary = "A day at a glance",
            description = "Present, late, early leave, enrolled and absent. Without `day`, each site counts its own local "
                    + "today.")
    @GET
    @Path("summary")
    @RolesAllowed({Roles.ADMIN, Scopes.ATTENDANCE_READ})
    public AttendanceSummary summary(@QueryParam("day") String day, @QueryParam("siteId") String siteId) {
        if (day != null) {
            return queries.summary(caller.orgId(), date(day, "day"), siteId);
        }
        // "today" is the site's own date; for the organization, each site's own
        Policy policy = policies.get(caller.orgId());
        Instant now = Instant.now();
        return siteId != null ? queries.summary(caller.orgId(), policy.today(siteId, now), siteId)
                : queries.summaryToday(caller.orgId(), policy, now);
    }

    @Operation(summary = "Present and late per day", description = "Days without records are absent from the list.")
    @GET
    @Path("daily")
    @RolesAllowed({Roles.ADMIN, Scopes.ATTENDANCE_READ})
    public List<DayCount> daily(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate[] range = range(from, to, policies.get(caller.orgId()));
        return queries.daily(caller.orgId(), range[0], range[1]);
    }

    @Operation(summary = "Records as CSV",
            description = "Streamed; times ISO-8601 with the site's UTC offset and the zone in the last column; formula-like "
                    + "cells neutralised.")
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER, Scopes.ATTENDANCE_READ})
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("siteId") String siteId,
            @QueryParam("personId") String personId) {
        String org = caller.orgId();
        Policy policy = policies.get(org);
        LocalDate[] range = range(from, to, policy);
        String person = scopedPerson(personId);
        StreamingOutput body = out -> csv.write(org, range[0], range[1], siteId, person, policy, out);
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"attendance-" + range[0] + "-" + range[1] + ".csv\"")
                .build();
    }

    @Operation(summary = "Add a manual entry",
            description = "An admin (or an API key with attendance:write) records a day someone was present without being "
                    + "seen; the reason goes to the audit trail under the caller and a MANUAL event to integrators. 409 if the day "
                    + "already has a record.")
    @POST
    @Path("manual")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Scopes.ATTENDANCE_WRITE})
    public Response manual(ManualEntry e) {
        if (e == null || blank(e.personId()) || e.day() == null || blank(e.reason())) {
            throw new InvalidRequestException("personId, day, checkIn and reason are required");
        }
        AttendanceRecord r = ledger.manual(caller.orgId(), e.personId(), e.siteId(), e.day(), e.checkIn(), e.checkOut(),
                caller.actor(), e.reason());
        publisher.wakeUp();
        return Response.status(Response.Status.CREATED).entity(RecordViews.of(r, policies.get(caller.orgId()))).build();
    }

    @Operation(summary = "Correct a record's times",
            description = "With a reason; the trail keeps the times before; a CORRECTION event goes to integrators.")
    @POST
    @Path("{id}/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public RecordView correct(@PathParam("id") long id, Correction c) {
        if (c == null || blank(c.reason())) {
            throw new InvalidRequestException("checkIn and reason are required");
        }
        AttendanceRecord r = ledger.correct(caller.orgId(), id, c.checkIn(), c.checkOut(), caller.actor(), c.reason());
        if (r == null) {
            throw new NotFoundException();
        }
        publisher.wakeUp();
        return RecordViews.of(r, policies.get(caller.orgId()));
    }

    /** Erases a person's attendance: an admin for anyone of the organization, a member for themselves. */
    @Operation(summary = "Erase a person's attendance",
            description = "An admin for anyone of the organization, a member for themselves; only an ERASE audit entry remains.")
    @DELETE
    @Path("people/{personId}")
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER, Roles.SERVICE})
    public Map<String, Long> erase(@PathParam("personId") String personId, @QueryParam("reason") String reason) {
        if (!caller.admin() && !personId.equals(caller.personId())) {
            throw new NotFoundException();
        }
        long n = ledger.erase(caller.orgId(), personId, caller.actor(), blank(reason) ? "erasure requested" : reason);
        return Map.of("erasedRecords", n);
    }

    private String scopedPerson(String requested) {
        if (caller.seesOrganization()) {
            return blank(requested) ? null : requested;
        }
        return caller.personId();
    }

    /** A date range; without {@code to}, up to the latest "today" of the organization's zones. */
    private static LocalDate[] range(String from, String to, Policy policy) {
        LocalDate end = to == null ? policy.latestToday(Instant.now()) : date(to, "to");
        LocalDate start = from == null ? end.minusDays(30) : date(from, "from");
        if (start.isAfter(end) || start.plusDays(MAX_RANGE_DAYS).isBefore(end)) {
            throw new InvalidRequestException("from must be on or before to, at most " + MAX_RANGE_DAYS + " days apart");
        }
        return new LocalDate[] {start, end};
    }

    private static LocalDate date(String v, String name) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " must be a date (YYYY-MM-DD)");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
