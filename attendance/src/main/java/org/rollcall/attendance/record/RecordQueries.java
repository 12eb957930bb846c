package org.rollcall.attendance.record;

import org.rollcall.events.api.AttendanceSummary;
import org.rollcall.events.api.DayCount;
import org.rollcall.events.api.Page;
import org.rollcall.events.api.RecordView;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
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

    @Transactional
    public Page<RecordView> list(String orgId, LocalDate from, LocalDate to, String siteId, String personId, int page, int size) {
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
        PanacheQuery<AttendanceRecord> query = AttendanceRecord.find(q.toString(),
                Sort.descending("day").and("checkIn").and("id"), p);
        List<RecordView> items = query.page(io.quarkus.panache.common.Page.of(page, size)).<AttendanceRecord>list().stream()
                .map(RecordViews::of).toList();
        return new Page<>(items, page, size, query.count());
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

    /** One day of the attendance chart. */

    @Transactional
    public AttendanceSummary summary(String orgId, LocalDate day, String siteId) {
        String site = siteId == null ? "" : " AND site_id = :site";
        var present = em.createNativeQuery("SELECT count(*), count(*) FILTER (WHERE late), count(*) FILTER (WHERE early_leave) "
                + "FROM attendance.record WHERE org_id = :org AND day = :day" + site)
                .setParameter("org", orgId).setParameter("day", day);
        if (siteId != null) {
            present.setParameter("site", siteId);
        }
        Object[] counts = (Object[]) present.getSingleResult();
        Number enrolled = (Number) em.createNativeQuery("""
                SELECT count(*) FROM (SELECT person_id FROM attendance.roster_template WHERE org_id = :org
                                      UNION SELECT person_id FROM attendance.record WHERE org_id = :org AND day = :day) roster""")
                .setParameter("org", orgId).setParameter("day", day).getSingleResult();
        long presentCount = ((Number) counts[0]).longValue();
        return new AttendanceSummary(day, siteId, presentCount, ((Number) counts[1]).longValue(), ((Number) counts[2]).longValue(),
                enrolled.longValue(), siteId == null ? Long.valueOf(Math.max(0, enrolled.longValue() - presentCount)) : null);
    }
}
