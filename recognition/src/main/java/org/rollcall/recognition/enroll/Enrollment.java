package org.rollcall.recognition.enroll;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.rollcall.events.EventCodec;
import org.rollcall.events.FaceTemplate;
import org.rollcall.events.Keys;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.enroll.EnrollmentRules;
import org.rollcall.recognition.RecognitionConfig;
import org.rollcall.recognition.gallery.Galleries;

/**
 * Enrollment rules, then publication: a template exists once the compacted topic acknowledged it
 * (every instance, this one included, learns it from there).
 */
public final class Enrollment {
    private final FaceEngine engine;
    private final EnrollmentRules rules;
    private final TemplateSink templates;
    private final Galleries galleries;
    private final EventCodec codec = new EventCodec();

    /** Publishes one record of the templates topic (a template, or a null tombstone) and waits for the broker's acknowledgement. */
    @FunctionalInterface
    public interface TemplateSink {
        void send(String key, byte[] value) throws Exception;
    }

    public Enrollment(FaceEngine engine, RecognitionConfig.Enrollment rules, TemplateSink templates,
            Galleries galleries) {
        this.engine = engine;
        this.rules = new EnrollmentRules(rules.minScore(), rules.minEyeDistance(), rules.minSharpness(), rules.minPose(),
                rules.minLiveness(), rules.otherFaceAreaRatio());
        this.templates = templates;
        this.galleries = galleries;
    }

    /** The enrolled template and the face it came from. */
    public record Enrolled(FaceTemplate template, Face face) {
    }

    public Enrolled enroll(String orgId, String personId, byte[] image) {
        return enroll(orgId, personId, image, null, null, null);
    }

    /**
     * Enrolls a photo; with {@code sourceId} (the photo's id where it is kept) the template's id is
     * derived from the photo, the person and the current model, so enrolling the same photo again
     * under the same model rewrites the same template (a re-index that was interrupted and run
     * again makes no duplicates); with {@code replaces}, that template of the person is tombstoned
     * once the new one is acknowledged (a re-index: a template of the old model or settings goes).
     * {@code externalId}, the person's employee id if they have one, travels with the template
     * (attendance passes it on in its events).
     */
    public Enrolled enroll(String orgId, String personId, byte[] image, String sourceId, String replaces, String externalId) {
        Face face = check(image);
        var gallery = galleries.existing(orgId);
        var same = gallery == null ? null : gallery.match(face.embedding(), 1);
        if (same != null && same.known() && !same.personId().equals(personId)) {
            // one face, two names: someone enrolling a colleague's photo as themselves (or a mix-up); never two identities
            throw new org.rollcall.face.enroll.EnrollmentRefusal("enrolled_as_someone_else",
                    "This face is already enrolled as another person of this organization. If that enrollment is wrong, erase it first.");
        }
        String templateId = sourceId == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((orgId + "/" + personId + "/" + sourceId + "/" + engine.modelId())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        FaceTemplate t = new FaceTemplate(FaceTemplate.VERSION, orgId, personId, templateId, engine.modelId(),
                face.embedding(), face.quality().overall(), Instant.now(), externalId);
        send(t.key(), codec.encode(t));
        // visible to this instance's next request without waiting for the follower
        galleries.gallery(orgId).add(personId, t.templateId(), t.embedding());
        if (replaces != null && !replaces.equals(templateId)) {
            // the key names this person: a replaced id can only ever be one of their own templates
            send(org.rollcall.events.Keys.template(orgId, personId, replaces), null);
            galleries.gallery(orgId).remove(replaces);
        }
        return new Enrolled(t, face);
    }

    /**
     * Publishes a tombstone for every template of the person (of every model version), or of the
     * whole organization when {@code personId} is null, and drops them from this instance's
     * gallery at once; returns how many. Idempotent: a second call finds nothing left.
     */
    public int erase(String orgId, String personId) {
        List<String> keys = galleries.templateKeys(orgId, personId);
        for (String key : keys) {
            send(key, null);
        }
        var gallery = galleries.existing(orgId);
        if (gallery != null) {
            if (personId == null) {
                galleries.all().remove(orgId);
            } else {
                gallery.removePerson(personId);
            }
        }
        return keys.size();
    }

    /** The face to enroll; an unreadable image or a refusal is answered 422 by {@link ApiErrors}. */
    Face check(byte[] image) {
        return rules.check(engine.analyze(image));
    }

    private void send(String key, byte[] value) {
        try {
            templates.send(key, value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a template");
        } catch (Exception e) {
            throw new TemplateStoreUnavailable(e);
        }
    }

    /** The broker did not acknowledge in time: nothing was enrolled; the caller may retry. */
    public static final class TemplateStoreUnavailable extends RuntimeException {
        TemplateStoreUnavailable(Throwable cause) {
            super("the template store is unavailable", cause);
        }
    }
}
