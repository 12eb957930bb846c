package org.rollcall.recognition.gallery;

import java.util.Map;
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
 * are ignored (counted): embeddings of different models are not comparable.
 */
public final class Galleries {
    private static final Logger LOG = Logger.getLogger(Galleries.class);

    private final Map<String, Gallery> byOrg = new ConcurrentHashMap<>();
    private final EventCodec codec = new EventCodec();
    private final String modelId;
    private final float threshold;
    private final AtomicLong otherModel = new AtomicLong();

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
            return;
        }
        FaceTemplate t = codec.decode(value, FaceTemplate.class);
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

    public Map<String, Gallery> all() {
        return byOrg;
    }

    public String modelId() {
        return modelId;
    }
}
