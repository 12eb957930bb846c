package org.rollcall.identity.org;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rollcall.events.CameraDefinition;
import org.rollcall.identity.account.AuditLog;
import org.rollcall.identity.account.Ids;
import org.rollcall.identity.account.InvalidInput;

/** Sites and cameras of an organization; every camera change is published for ingest and recognition. */
@ApplicationScoped
public class OrgService {
    private final CameraPublisher publisher;
    private final AuditLog audit;

    private final CameraKey key;

    private final org.rollcall.events.CameraSourcePolicy policy;

    private final org.rollcall.identity.quota.TenantQuotas quotas;

    public OrgService(CameraPublisher publisher, AuditLog audit, CameraKey key, org.rollcall.events.CameraSourcePolicy policy,
            org.rollcall.identity.quota.TenantQuotas quotas) {
        this.quotas = quotas;
        this.policy = policy;
        this.publisher = publisher;
        this.audit = audit;
        this.key = key;
    }

    public List<Site> sites(String orgId) {
        return Site.list("orgId", io.quarkus.panache.common.Sort.by("name"), orgId);
    }

    public List<Camera> cameras(String orgId) {
        return Camera.list("orgId", io.quarkus.panache.common.Sort.by("name"), orgId);
    }

    @Transactional
    public Site createSite(String orgId, String name, String zone, String actor) {
        Map<String, String> errors = new HashMap<>();
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.put("name", "Name is required (at most 100 characters).");
        }
        try {
            ZoneId.of(zone == null ? "" : zone);
        } catch (DateTimeException e) {
            errors.put("zone", "Choose a time zone such as Europe/Berlin.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Site s = new Site();
        s.id = Ids.id("site");
        s.orgId = orgId;
        s.name = name.trim();
        s.zone = zone;
        s.persist();
        audit.record(orgId, actor, "CREATE_SITE", s.id);
        return s;
    }

    @Transactional
    public Camera saveCamera(String orgId, String cameraId, String siteId, String name, String kind, String url, String fps,
            boolean enabled, String actor) {
        Map<String, String> errors = new HashMap<>();
        Site site = siteId == null ? null : Site.find("id = ?1 and orgId = ?2", siteId, orgId).firstResult();
        if (site == null) {
            errors.put("siteId", "Choose a site.");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.put("name", "Name is required (at most 100 characters).");
        }
        CameraDefinition.Kind k = null;
        try {
            k = CameraDefinition.Kind.valueOf(kind == null ? "" : kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("kind", "Choose a camera type.");
        }
        double rate = 5;
        try {
            rate = fps == null || fps.isBlank() ? 5 : Double.parseDouble(fps);
        } catch (NumberFormatException e) {
            errors.put("fps", "Frames per second, 0.1 to 30.");
        }
        if (rate < 0.1 || rate > 30) {
            errors.put("fps", "Frames per second, 0.1 to 30.");
        }
        if (k != null && k != CameraDefinition.Kind.BROWSER) {
            String why = urlProblem(k, url);
            if (why == null) {
                // the operator's policy: allowed folders and networks (a host that does not resolve here may at the site)
                why = policy.refusal(k, url, true);
            }
            if (why != null) {
                errors.put("url", why);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Camera c = cameraId == null ? null : Camera.find("id = ?1 and orgId = ?2", cameraId, orgId).firstResult();
        if (cameraId != null && c == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        quotas.checkCamera(orgId, cameraId, enabled, rate);
        if (c == null) {
            c = new Camera();
            c.id = Ids.id("cam");
            c.orgId = orgId;
        }
        c.siteId = site.id;
        c.name = name.trim();
        c.kind = k.name();
        if (k == CameraDefinition.Kind.BROWSER) {
            c.url = null;
            c.credentials = null;
        } else {
            var split = org.rollcall.events.CameraCredentials.split(url.trim());
            if (split.userInfo() != null) {
                if (key.credentials() == null) {
                    throw new InvalidInput(Map.of("url", "This server has no key to keep camera passwords sealed "
                            + "(ROLLCALL_CAMERAS_CREDENTIALS_KEY); ask the operator, or use a camera without a password in its address."));
                }
                c.credentials = key.credentials().seal(c.id, split.userInfo());
            } else if (!split.url().equals(c.url)) {
                // a new address without credentials; the same address again keeps the sealed ones
                c.credentials = null;
            }
            c.url = split.url();
        }
        c.fps = rate;
        c.enabled = enabled;
        c.updatedAt = Instant.now();
        c.persist();
        // published before commit: if the broker refuses, the transaction rolls back and the page says so
        publisher.publish(c.definition(key.credentials()));
        audit.record(orgId, actor, "SAVE_CAMERA", c.id);
        return c;
    }

    /** Turns a camera off (ingest stops it, its settings stay) or on again (within the organization's quotas). */
    @Transactional
    public void setCameraEnabled(String orgId, String cameraId, boolean enabled, String actor) {
        Camera c = Camera.find("id = ?1 and orgId = ?2", cameraId, orgId).firstResult();
        if (c == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        quotas.checkCamera(orgId, cameraId, enabled, c.fps);
        c.enabled = enabled;
        c.updatedAt = Instant.now();
        publisher.publish(c.definition(key.credentials()));
        audit.record(orgId, actor, enabled ? "ENABLE_CAMERA" : "DISABLE_CAMERA", c.id);
    }

    /** One camera of the organization, or 404. */
    public Camera camera(String orgId, String cameraId) {
        Camera c = Camera.find("id = ?1 and orgId = ?2", cameraId, orgId).firstResult();
        if (c == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return c;
    }

    @Transactional
    public void deleteCamera(String orgId, String cameraId, String actor) {
        Camera c = Camera.find("id = ?1 and orgId = ?2", cameraId, orgId).firstResult();
        if (c == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        c.delete();
        publisher.remove(cameraId);
        audit.record(orgId, actor, "DELETE_CAMERA", cameraId);
    }

    /** Only the schemes a camera of that kind uses; no file paths except for FILE cameras. */
    static String urlProblem(CameraDefinition.Kind kind, String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return "Enter the camera's address.";
        }
        String u = url.trim();
        return switch (kind) {
            case RTSP -> u.startsWith("rtsp://") || u.startsWith("rtsps://") ? valid(u) : "An RTSP address starts with rtsp://";
            case HTTP -> u.startsWith("http://") || u.startsWith("https://") ? valid(u) : "An HTTP address starts with http:// or https://";
            case USB -> u.startsWith("/dev/video") ? null : "A USB camera is a device such as /dev/video0";
            case FILE -> u.startsWith("/") ? null : "A video file is an absolute path on the ingest machine";
            case BROWSER -> null;
        };
    }

    private static String valid(String u) {
        try {
            URI uri = URI.create(u);
            return uri.getHost() == null ? "The address has no host." : null;
        } catch (IllegalArgumentException e) {
            return "The address is not valid.";
        }
    }
}
