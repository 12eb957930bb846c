package org.rollcall.attendance.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;

/** Row of attendance.site_zone. */
@Entity
@Table(name = "site_zone")
public class SiteZone extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    public String zone;

    @Embeddable
    public record Key(@Column(name = "org_id") String orgId, @Column(name = "site_id") String siteId) implements Serializable {
    }
}
