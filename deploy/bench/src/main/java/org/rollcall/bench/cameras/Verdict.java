package org.rollcall.bench.cameras;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rollcall.events.AttendanceEvent;

/**
 * The scenario's expected attendance against what the stack recorded (PostgreSQL) and published
 * (the attendance topic, in partition order).
 *
 * <ul>
 * <li>lost: per enrolled person, a missing record, a missing CHECK_IN event, a check-out missing
 * from the record or earlier than the person's last visit, and a record whose final state no
 * event carries;
 * <li>duplicated: an event id seen twice with different content, and every CHECK_IN of a
 * person-day beyond the first;
 * <li>out of order: per key, a CHECK_IN after a CHECK_OUT, or a check-out earlier than the one
 * before it;
 * <li>strangers named: a record for anybody the scenario did not enroll.
 * </ul>
 */
final class Verdict {
    /** A record as the database holds it. */
    record Row(String personId, Instant checkIn, Instant checkOut) {
    }

    int lost;
    int duplicated;
    int outOfOrder;
    int strangersNamed;
    final List<String> findings = new ArrayList<>();

    /** Capture times come from frame-ingest's clock, the scenario's from ours: the same machine, and a frame's way takes a moment. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    /** The records and the attendance topic of a run, and the verdict on them. */
    record Judged(List<Row> rows, List<AttendanceEvent> events, Verdict verdict) {
    }

    /** Reads the run's records (PostgreSQL) and attendance events (topic) and judges them against the scenario. */
    static Judged judge(org.rollcall.bench.Stack stack, StackClient client, String org, Scenario scenario, Instant start) throws SQLException {
        List<AttendanceEvent> events = client.attendanceEvents();
        List<Row> rows;
        try (Connection db = stack.db()) {
            rows = rows(db, org);
        }
        return new Judged(rows, events, of(scenario, start, rows, events));
    }

    static Verdict of(Scenario scenario, Instant start, List<Row> rows, List<AttendanceEvent> events) {
        Verdict v = new Verdict();
        Map<String, Row> byPerson = new HashMap<>();
        for (Row r : rows) {
            if (byPerson.put(r.personId(), r) != null) {
                v.duplicated++;
                v.findings.add("two records for " + r.personId());
            }
        }
        Map<String, List<AttendanceEvent>> perPerson = new LinkedHashMap<>();
        Map<String, AttendanceEvent> byId = new HashMap<>();
        for (AttendanceEvent e : events) {
            AttendanceEvent before = byId.putIfAbsent(e.eventId(), e);
            // a republished copy keeps everything, emittedAt included: any difference is a different event
            if (before != null && !before.equals(e)) {
                v.duplicated++;
                v.findings.add("event " + e.eventId() + " seen twice with different content");
            }
            if (before == null) {
                perPerson.computeIfAbsent(e.personId(), p -> new ArrayList<>()).add(e);
            }
        }
        for (Scenario.Person p : scenario.enrolled()) {
            List<Scenario.Visit> visits = scenario.visitsOf(p);
            Instant firstFrom = start.plus(visits.get(0).start()).minus(SLACK);
            Instant firstTo = start.plus(visits.get(0).end()).plus(SLACK);
            Instant lastFrom = start.plus(visits.get(visits.size() - 1).start()).minus(SLACK);
            Row r = byPerson.get(p.personId());
            List<AttendanceEvent> es = perPerson.getOrDefault(p.personId(), List.of());
            if (r == null) {
                v.lost++;
                v.findings.add(p.personId() + ": no record");
            } else {
                if (r.checkIn().isBefore(firstFrom) || r.checkIn().isAfter(firstTo)) {
                    v.lost++;
                    v.findings.add(p.personId() + ": check-in " + r.checkIn() + " outside the first visit");
                }
                if (r.checkOut() == null || r.checkOut().isBefore(lastFrom)) {
                    v.lost++;
                    v.findings.add(p.personId() + ": check-out " + r.checkOut() + " misses the last visit from " + lastFrom);
                }
                if (es.stream().noneMatch(e -> millis(e.checkIn()).equals(millis(r.checkIn()))
                        && java.util.Objects.equals(millis(e.checkOut()), millis(r.checkOut())))) {
                    v.lost++;
                    v.findings.add(p.personId() + ": no event carries the record's final state");
                }
            }
            long checkIns = es.stream().filter(e -> e.type() == AttendanceEvent.Type.CHECK_IN).count();
            if (checkIns == 0) {
                v.lost++;
                v.findings.add(p.personId() + ": no CHECK_IN event");
            } else if (checkIns > 1) {
                v.duplicated += (int) (checkIns - 1);
                v.findings.add(p.personId() + ": " + checkIns + " CHECK_IN events");
            }
            boolean checkedOut = false;
            Instant lastOut = null;
            for (AttendanceEvent e : es) {
                if (e.type() == AttendanceEvent.Type.CHECK_IN && checkedOut) {
                    v.outOfOrder++;
                    v.findings.add(p.personId() + ": CHECK_IN " + e.eventId() + " after a CHECK_OUT");
                }
                if (e.type() == AttendanceEvent.Type.CHECK_OUT) {
                    checkedOut = true;
                    if (lastOut != null && e.checkOut().isBefore(lastOut)) {
                        v.outOfOrder++;
                        v.findings.add(p.personId() + ": CHECK_OUT " + e.checkOut() + " after " + lastOut);
                    }
                    lastOut = e.checkOut();
                }
            }
        }
        for (Row r : rows) {
            if (scenario.enrolled().stream().noneMatch(p -> p.personId().equals(r.personId()))) {
                v.strangersNamed++;
                v.findings.add("a record for " + r.personId() + ", who was not in front of a camera");
            }
        }
        return v;
    }

    /**
     * A loss is judged on what the database can hold, not on digits it cannot: PostgreSQL keeps
     * microseconds (and rounds), so times are compared to the millisecond.
     */
    private static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static List<Row> rows(Connection db, String orgId) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT person_id, check_in, check_out FROM attendance.record WHERE org_id = ? ORDER BY person_id")) {
            ps.setString(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp out = rs.getTimestamp(3);
                    rows.add(new Row(rs.getString(1), rs.getTimestamp(2).toInstant(), out == null ? null : out.toInstant()));
                }
            }
        }
        return rows;
    }
}
