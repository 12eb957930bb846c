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
    /** Without credentials (except rows saved before they were sealed). */
    public String url;
    /** The URL's credentials, sealed ({@link org.rollcall.events.CameraCredentials}); null when it has none. */
    public String credentials;
    public double fps;
    public boolean enabled;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** As published: never a credential in clear (an older row's are sealed on the way). */
    public CameraDefinition definition(org.rollcall.events.CameraCredentials key) {
        Site site = Site.findById(siteId);
        String bare = url;
        String sealed = credentials;
        if (url != null) {
            var split = org.rollcall.events.CameraCredentials.split(url);
            if (split.userInfo() != null) {
                if (key == null) {
                    throw new IllegalStateException("camera " + id + " has credentials and no camera credentials key is configured");
                }
                bare = split.url();
                sealed = key.seal(id, split.userInfo());
            }
        }
        return new CameraDefinition(CameraDefinition.VERSION, id, orgId, siteId, name, CameraDefinition.Kind.valueOf(kind),
                bare, fps, enabled, updatedAt, site == null ? null : site.zone, sealed);
    }
}
