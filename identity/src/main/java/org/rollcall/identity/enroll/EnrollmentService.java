package org.rollcall.identity.enroll;

import org.rollcall.events.api.EnrolledTemplate;
import org.rollcall.identity.clients.RecognitionClient;
import org.rollcall.identity.clients.ServiceRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.account.AuditLog;
import org.rollcall.identity.account.Ids;
import org.rollcall.identity.account.InvalidInput;
import org.rollcall.identity.account.User;

/**
 * Enrollment with recorded consent, and erasure of a person's biometric data. The photo is kept
 * (for recomputing templates) only when recognition enrolled it.
 */
@ApplicationScoped
public class EnrollmentService {
    private final ServiceClient services;
    private final IdentityConfig config;
    private final AuditLog audit;

    private final org.rollcall.identity.dashboard.DashboardViews views;
    private final org.rollcall.identity.dashboard.RecentFacesPublisher faces;

    private final RecognitionClient recognition;

    private final org.rollcall.identity.quota.TenantQuotas quotas;
    /** A member's own photo waiting for an administrator's approval. */
    public static final String PENDING = "PENDING";

    public EnrollmentService(ServiceClient services, @org.eclipse.microprofile.rest.client.inject.RestClient RecognitionClient recognition,
            IdentityConfig config, AuditLog audit,
            org.rollcall.identity.dashboard.DashboardViews views, org.rollcall.identity.dashboard.RecentFacesPublisher faces,
            org.rollcall.identity.quota.TenantQuotas quotas) {
        this.quotas = quotas;
        this.views = views;
        this.faces = faces;
        this.recognition = recognition;
        this.services = services;
        this.config = config;
        this.audit = audit;
    }

    /** What happened to an uploaded photo ({@code photo}: its file name). */
    public record Result(String photo, boolean enrolled, String reason, String message, Float quality) {
    }

    /** An uploaded file: its name (for messages) and bytes. */
    public record Upload(String name, byte[] data) {
    }

    public Result enroll(String orgId, String personId, byte[] image, ConsentText.Consent consent, String actor) {
        return enrollAll(orgId, personId, List.of(new Upload("photo", image)), consent, actor).get(0);
    }

    /**
     * Several photos of one person (several templates: the gallery matches the best of them and
     * their centroid). Consent and every file are checked before anything is sent, so a bad file
     * changes nothing; then each photo is enrolled or refused on its own.
     */
    public List<Result> enrollAll(String orgId, String personId, List<Upload> photos, ConsentText.Consent consent, String actor) {
        checkAll(orgId, personId, photos, consent);
        List<Result> results = new ArrayList<>(photos.size());
        for (Upload u : photos) {
            results.add(send(orgId, personId, u, consent, actor, null));
        }
        return results;
    }

    /**
     * A member's own photos: checked like any (consent, count, quota, every file decoded), then kept
     * as PENDING and sent to recognition only when an administrator approves them, so nobody
     * enrolls a colleague's photo as themselves unseen.
     */
    public List<Result> submitForApproval(String orgId, String personId, List<Upload> photos, ConsentText.Consent consent, String actor) {
        checkAll(orgId, personId, photos, consent);
        List<Result> results = new ArrayList<>(photos.size());
        for (Upload u : photos) {
            store(orgId, personId, u.data(), consent, actor, null, null, PENDING);
            audit.record(orgId, actor, "ENROLL_PENDING", personId);
            results.add(new Result(u.name(), false, "pending", "Waiting for an administrator to approve it.", null));
        }
        return results;
    }

    /** An administrator approves a pending photo: it is enrolled now (or refused by recognition's checks). */
    public Result approve(String orgId, String photoId, String actor) {
        Photo p = pending(orgId, photoId);
        return send(orgId, p.personId, new Upload("photo", p.image),
                new ConsentText.Consent(p.consentVersion, p.consentPurpose, p.consentEvidence), actor, p.id);
    }

    /** An administrator rejects a pending photo: it is deleted. */
    @Transactional
    public void reject(String orgId, String photoId, String actor) {
        Photo p = pending(orgId, photoId);
        audit.record(orgId, actor, "ENROLL_REJECTED", p.personId);
        p.delete();
    }

    private static Photo pending(String orgId, String photoId) {
        Photo p = Photo.find("id = ?1 and orgId = ?2 and status = ?3", photoId, orgId, PENDING).firstResult();
        if (p == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return p;
    }

    private void checkAll(String orgId, String personId, List<Upload> photos, ConsentText.Consent consent) {
        if (consent == null) {
            throw InvalidInput.of("consent", "Consent is required to enroll a face.");
        }
        if (photos.isEmpty()) {
            throw InvalidInput.of("photo", "Choose a photo.");
        }
        if (photos.size() > config.maxPhotosPerEnrollment()) {
            throw InvalidInput.of("photo", "Choose at most " + config.maxPhotosPerEnrollment() + " photos at a time.");
        }
        // counted before they are decoded: the decoding is what one organization's flood would cost everyone
        quotas.takePhotos(orgId, photos.size());
        for (Upload u : photos) {
            try {
                PhotoCheck.check(u.data(), config.maxPhotoBytes());
            } catch (InvalidInput e) {
                throw photos.size() == 1 ? e : InvalidInput.of("photo", u.name() + ": " + e.errors().get("photo"));
            }
        }
        if (User.inOrg(orgId, personId) == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }

    /** Enrolls one photo through recognition; {@code pendingId}: an approved pending photo, updated instead of stored anew. */
    private Result send(String orgId, String personId, Upload photo, ConsentText.Consent consent, String actor, String pendingId) {
        EnrolledTemplate t;
        try {
            // the employee id (an import's) travels with the template to attendance's events
            String externalId = io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> {
                User u = User.inOrg(orgId, personId);
                return u == null ? null : u.externalId;
            });
            t = recognition.enroll("Bearer " + services.serviceToken(orgId, "enroller"),
                    new RecognitionClient.EnrollForm(orgId, personId, photo.data(), null, null, externalId));
        } catch (ServiceRefusal e) {
            if (e.status() != 422) {
                throw new org.rollcall.identity.ServiceUnavailable("recognition answered " + e.status() + "; nothing more was enrolled");
            }
            audit.record(orgId, actor, "ENROLL_REFUSED", personId + " " + e.error().reason());
            return new Result(photo.name(), false, e.error().reason(),
                    e.error().detail() == null ? "The photo was refused." : e.error().detail(), null);
        } catch (org.rollcall.identity.ServiceUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            // not reachable, too slow (the client's timeout), or an answer that is not the contract
            throw new org.rollcall.identity.ServiceUnavailable("recognition is not available; nothing more was enrolled");
        }
        float q = Math.round(t.quality() * 100) / 100f;
        if (pendingId == null) {
            store(orgId, personId, photo.data(), consent, actor, t.templateId(), q, "ENROLLED");
        } else {
            enrolled(pendingId, t.templateId(), q);
        }
        audit.record(orgId, actor, "ENROLL", personId);
        return new Result(photo.name(), true, null, "Enrolled.", q);
    }

    @Transactional
    void store(String orgId, String personId, byte[] image, ConsentText.Consent consent, String actor, String templateId, Float quality,
            String status) {
        Photo p = new Photo();
        p.id = Ids.id("photo");
        p.orgId = orgId;
        p.personId = personId;
        p.image = image;
        p.consentBy = actor;
        p.consentAt = Instant.now();
        p.consentVersion = consent.version();
        p.consentPurpose = consent.purpose();
        p.consentEvidence = consent.evidence();
        p.status = status;
        p.templateId = templateId;
        p.quality = quality;
        p.sha256 = Ids.sha256(image);
        p.persist();
    }

    @Transactional
    void enrolled(String photoId, String templateId, float quality) {
        Photo p = Photo.findById(photoId);
        p.status = "ENROLLED";
        p.templateId = templateId;
        p.quality = quality;
    }

    /**
     * "Enroll as...": an unknown visitor's best crop (as the dashboard holds it, whichever
     * recognition instance saw the visitor) is enrolled like an uploaded photo, with consent
     * recorded by the admin; then the visitor's faces are forgotten on every dashboard.
     */
    public Result enrollVisitor(String orgId, String clusterId, String personId, ConsentText.Consent consent, String actor) {
        if (consent == null) {
            throw InvalidInput.of("consent", "Consent is required to enroll a face.");
        }
        if (User.inOrg(orgId, personId) == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        var visitor = views.faces().visitor(orgId, clusterId);
        if (visitor == null) {
            return new Result("visitor", false, "gone", "That visitor is no longer on the dashboard.", null);
        }
        Result r = send(orgId, personId, new Upload("visitor", visitor.crop()), consent, actor, null);
        if (r.enrolled()) {
            faces.forget(org.rollcall.events.RecentFace.key(orgId, org.rollcall.events.RecentFace.VISITOR, clusterId));
            audit.record(orgId, actor, "ENROLL_VISITOR", clusterId + " as " + personId);
        }
        return r;
    }

    /** True when this exact photo is already enrolled for the person (re-imports change nothing). */
    public boolean alreadyEnrolled(String orgId, String personId, byte[] image) {
        return Photo.count("orgId = ?1 and personId = ?2 and sha256 = ?3", orgId, personId, Ids.sha256(image)) > 0;
    }

    public List<Photo> photos(String orgId, String personId) {
        return Photo.list("orgId = ?1 and personId = ?2", io.quarkus.panache.common.Sort.descending("createdAt"), orgId, personId);
    }

}
