package org.rollcall.attendance.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;

/** Row of attendance.policy. */
@Entity
@Table(name = "policy")
public class OrgPolicy extends PanacheEntityBase {
    @Id
    @Column(name = "org_id")
    public String orgId;
    @Column(name = "similarity_threshold")
    public float similarityThreshold;
    @Column(name = "liveness_threshold")
    public Float livenessThreshold;
    @Column(name = "cooldown_seconds")
    public int cooldownSeconds;
    public String zone;
    @Column(name = "start_time")
    public LocalTime startTime;
    @Column(name = "end_time")
    public LocalTime endTime;
    @Column(name = "grace_minutes")
    public int graceMinutes;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
