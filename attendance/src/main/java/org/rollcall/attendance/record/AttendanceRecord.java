package org.rollcall.attendance.record;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** Row of attendance.record: one person, one local day. */
@Entity
@Table(name = "record")
public class AttendanceRecord extends PanacheEntityBase {
    public enum Source { FACE, MANUAL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "org_id")
    public String orgId;
    @Column(name = "person_id")
    public String personId;
    public LocalDate day;
    @Column(name = "site_id")
    public String siteId;
    @Column(name = "camera_id")
    public String cameraId;
    @Column(name = "check_in")
    public Instant checkIn;
    @Column(name = "check_out")
    public Instant checkOut;
    public boolean late;
    @Column(name = "early_leave")
    public boolean earlyLeave;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Source source;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The state an audit entry keeps, without ids. */
    String snapshot() {
        return "checkIn=" + checkIn + " checkOut=" + checkOut + " site=" + siteId + " late=" + late + " earlyLeave=" + earlyLeave;
    }
}
