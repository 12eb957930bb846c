package org.rollcall.identity.org;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.rollcall.events.CameraDefinition;

@Entity
@Table(name = "camera")
public class Camera extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "org_id")
    public String orgId;
    @Column(name = "site_id")
    public String siteId;
    public String name;
    public String kind;
    public String url;
    public double fps;
    public boolean enabled;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public CameraDefinition definition() {
        Site site = Site.findById(siteId);
        return new CameraDefinition(CameraDefinition.VERSION, id, orgId, siteId, name, CameraDefinition.Kind.valueOf(kind),
                url, fps, enabled, updatedAt, site == null ? null : site.zone);
    }
}
