package org.rollcall.attendance.record;

import org.rollcall.events.api.AttendanceSummary;
import org.rollcall.events.api.DayCount;
import org.rollcall.events.api.Page;
import org.rollcall.events.api.RecordView;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import org.rollcall.attendance.policy.Policy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads, always scoped by organization (and by person when one is given). */
@ApplicationScoped
public class RecordQueries {
    private final EntityManager em;

    public RecordQueries(EntityManager em) {
        this.em = em;
    }

    /**
     * A page of records, newest day first (then by check-in, then id). With a {@code cursor} (the
     * {@code next} of an earlier page) the page starts right after that record and {@code page} is
     * ignored: records added meanwhile never shift or repeat a page. {@code total} counts every
     * record of the filters.
     */
    @Transactional
    public Page<RecordView> list(String orgId, LocalDate from, LocalDate to, String siteId, String personId, int page, int size,
            String cursor, Policy policy) {
        StringBuilder q = new StringBuilder("orgId = :org and day >= :from and day <= :to");
        Map<String, Object> p = new HashMap<>(Map.of("org", orgId, "from", from, "to", to));
        if (siteId != null) {
            q.append(" and siteId = :site");
            p.put("site", siteId);
        }
        if (personId != null) {
            q.append(" and personId = :person");
            p.put("person", personId);
        }
        long total = AttendanceRecord.count(q.toString(), p);
        int first = page * size;
        if (cursor != null) {
            RecordCursor after = RecordCursor.parse(cursor);
            q.append(" and (day < :cDay or (day = :cDay and (checkIn > :cIn or (checkIn = :cIn and id > :cId))))");
            p.putAll(Map.of("cDay", after.day(), "cIn", after.checkIn(), "cId", after.id()));
            first = 0;
        }
        // one more than asked: whether there is a next page
        List<AttendanceRecord> rows = AttendanceRecord.<AttendanceRecord>find(q.toString(),
                Sort.descending("day").and("checkIn").and("id"), p).range(first, first + size).list();
        String next = rows.size() > size ? RecordCursor.of(rows.get(size - 1)).encode() : null;
        List<RecordView> items = rows.stream().limit(size).map(r -> RecordViews.of(r, policy)).toList();
        return new Page<>(items, cursor != null ? 0 : page, size, total, next);
    }

    @Transactional
    public AttendanceRecord one(String orgId, long id, String personId) {
        AttendanceRecord r = AttendanceRecord.find("id = ?1 and orgId = ?2", id, orgId).firstResult();
        return r == null || (personId != null && !personId.equals(r.personId)) ? null : r;
    }

    @Transactional
    public List<AuditEntry> audit(String orgId, long recordId) {
        return AuditEntry.list("orgId = ?1 and recordId = ?2", Sort.ascending("id"), orgId, recordId);
    }

    /** Present and late counts per day of a range (days without records are absent from the list). */
    @Transactional
    public List<DayCount> daily(String orgId, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT day, count(*), count(*) FILTER (WHERE late) FROM attendance.record "
                + "WHERE org_id = :org AND day >= :from AND day <= :to GROUP BY day ORDER BY day")
                .setParameter("org", orgId).setParameter("from", from).setParameter("to", to).getResultList();
        return rows.stream().map(r -> new DayCount(r[0] instanceof LocalDate d ? d : ((java.sql.Date) r[0]).toLocalDate(),
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue())).toList();
    }

    /** One day of the organization, or of one site. */
    @Transactional
    public AttendanceSummary summary(String orgId, LocalDate day, String siteId) {
        Map<String, Object> p = new HashMap<>(Map.of("day", day));
        return summary(orgId, "day = :day", p, day, siteId);
    }

    /**
     * Today as each site lives it: a site's records count on its own local date, records of sites
     * without a zone of their own (and manual entries without a site) on the organization's.
     */
    @Transactional
    public AttendanceSummary summaryToday(String orgId, Policy policy, java.time.Instant now) {
        Map<String, Object> p = new HashMap<>();
        LocalDate orgToday = policy.today(null, now);
        p.put("day", orgToday);
        if (policy.siteZones().isEmpty()) {
            return summary(orgId, "day = :day", p, orgToday, null);
        }
        StringBuilder when = new StringBuilder("CASE");
        int i = 0;
        for (String site : policy.siteZones().keySet()) {
            when.append(" WHEN site_id = :s").append(i).append(" THEN day = :d").append(i);
            p.put("s" + i, site);
            p.put("d" + i, policy.today(site, now));
            i++;
        }
        return summary(orgId, when.append(" ELSE day = :day END").toString(), p, orgToday, null);
    }

    private AttendanceSummary summary(String orgId, String dayClause, Map<String, Object> params, LocalDate day, String siteId) {
        String site = siteId == null ? "" : " AND site_id = :site";
        var present = em.createNativeQuery("SELECT count(*), count(*) FILTER (WHERE late), count(*) FILTER (WHERE early_leave) "
                + "FROM attendance.record WHERE org_id = :org AND (" + dayClause + ")" + site).setParameter("org", orgId);
        params.forEach(present::setParameter);
        if (siteId != null) {
            present.setParameter("site", siteId);
        }
        Object[] counts = (Object[]) present.getSingleResult();
        var roster = em.createNativeQuery("""
                SELECT count(*) FROM (SELECT person_id FROM attendance.roster_template WHERE org_id = :org
                                      UNION SELECT person_id FROM attendance.record WHERE org_id = :org AND (%s)) roster"""
                .formatted(dayClause)).setParameter("org", orgId);
        params.forEach(roster::setParameter);
        Number enrolled = (Number) roster.getSingleResult();
        long presentCount = ((Number) counts[0]).longValue();
        return new AttendanceSummary(day, siteId, presentCount, ((Number) counts[1]).longValue(), ((Number) counts[2]).longValue(),
                enrolled.longValue(), siteId == null ? Long.valueOf(Math.max(0, enrolled.longValue() - presentCount)) : null);
    }
}
