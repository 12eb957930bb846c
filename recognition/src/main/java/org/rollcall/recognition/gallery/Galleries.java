package org.rollcall.recognition.gallery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.rollcall.events.EventCodec;
import org.rollcall.events.FaceTemplate;
import org.rollcall.events.Keys;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.gallery.Gallery;

/**
 * Per-organization galleries built from rollcall.face-templates.v1. Templates of another model
 * are ignored for matching (counted): embeddings of different models are not comparable; their
 * keys are still indexed, so an erasure removes a person's templates of every model version.
 */
public final class Galleries {
    private static final Logger LOG = Logger.getLogger(Galleries.class);

    private final Map<String, Gallery> byOrg = new ConcurrentHashMap<>();
    private final EventCodec codec = new EventCodec();
    private final String modelId;
    private final float threshold;
    private final AtomicLong otherModel = new AtomicLong();
    /** org -> person -> template ids on the topic, whatever their model. */
    private final Map<String, Map<String, Set<String>>> keys = new ConcurrentHashMap<>();

    public Galleries(String modelId, float threshold) {
        this.modelId = modelId;
        this.threshold = threshold;
    }

    /** Applies one record of the templates topic: a template, or a tombstone that erases one. */
    public void apply(String key, byte[] value) {
        String[] k = Keys.split(key, 3);
        if (value == null) {
            Gallery g = byOrg.get(k[0]);
            if (g != null) {
                g.remove(k[2]);
            }
            Map<String, Set<String>> people = keys.get(k[0]);
            if (people != null) {
                people.computeIfPresent(k[1], (p, ids) -> {
                    ids.remove(k[2]);
                    return ids.isEmpty() ? null : ids;
                });
            }
            return;
        }
        FaceTemplate t = codec.decode(value, FaceTemplate.class);
        keys.computeIfAbsent(t.orgId(), o -> new ConcurrentHashMap<>())
                .computeIfAbsent(t.personId(), p -> ConcurrentHashMap.newKeySet()).add(t.templateId());
        if (!t.modelId().equals(modelId)) {
            if (otherModel.incrementAndGet() == 1) {
                LOG.warnf("ignoring templates of model %s (this instance runs %s); re-enroll or recompute them", t.modelId(), modelId);
            }
            return;
        }
        if (t.embedding().length != Embedder.DIMENSIONS) {
            throw new IllegalArgumentException("template has " + t.embedding().length + " dimensions");
        }
        gallery(t.orgId()).add(t.personId(), t.templateId(), t.embedding());
    }

    public Gallery gallery(String orgId) {
        return byOrg.computeIfAbsent(orgId, o -> new Gallery(Embedder.DIMENSIONS, threshold));
    }

    /** The gallery of an organization, or null when it has never had a template. */
    public Gallery existing(String orgId) {
        return byOrg.get(orgId);
    }

    /** Every template key of a person on the topic (any model), or of the whole organization when person is null. */
    public List<String> templateKeys(String orgId, String personId) {
        Map<String, Set<String>> people = keys.getOrDefault(orgId, Map.of());
        List<String> out = new ArrayList<>();
        people.forEach((person, ids) -> {
            if (personId == null || personId.equals(person)) {
                ids.forEach(id -> out.add(Keys.template(orgId, person, id)));
            }
        });
        return out;
    }

    public Map<String, Gallery> all() {
        return byOrg;
    }

    public String modelId() {
        return modelId;
    }
}
