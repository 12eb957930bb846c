package org.rollcall.identity.enroll;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An enrollment photo with its consent; the original is kept to recompute templates for a new model. */
@Entity
@Table(name = "photo")
public class Photo extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "org_id")
    public String orgId;
    @Column(name = "person_id")
    public String personId;
    @Basic(fetch = FetchType.LAZY)
    public byte[] image;
    @Column(name = "consent_by")
    public String consentBy;
    @Column(name = "consent_at")
    public Instant consentAt;
    /** {@link ConsentText#VERSION} of the text the consent was given to. */
    @Column(name = "consent_version")
    public String consentVersion;
    @Column(name = "consent_purpose")
    public String consentPurpose;
    /** How it was given: by the person, by an admin on their behalf, an import's evidence. */
    @Column(name = "consent_evidence")
    public String consentEvidence;
    /** ENROLLED, or PENDING (a member's own, waiting for an administrator's approval). */
    public String status;
    public String reason;
    @Column(name = "template_id")
    public String templateId;
    public Float quality;
    @Column(name = "created_at")
    public Instant createdAt = Instant.now();
    public String sha256;
}
