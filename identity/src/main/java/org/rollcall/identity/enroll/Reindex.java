package org.rollcall.identity.enroll;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.rollcall.events.api.EnrolledTemplate;
import org.rollcall.identity.ServiceUnavailable;
import org.rollcall.identity.account.AuditLog;
import org.rollcall.identity.clients.RecognitionClient;
import org.rollcall.identity.clients.ServiceRefusal;

/**
 * Re-creates an organization's face templates from the consented photos identity keeps, with the
 * model and settings recognition runs now (after a model change, flip augmentation turned off, or
 * templates lost with Kafka's data). Each photo is one step: recognition stores the new template
 * (its id derived from the photo and the model) and tombstones the one it replaces, then the photo
 * records the new id. Stopping anywhere loses nothing: the old template stays until its
 * replacement is stored, and running again rewrites the same templates.
 */
@ApplicationScoped
public class Reindex {
    private static final Logger LOG = Logger.getLogger(Reindex.class);

    /** Where an organization's re-index stands. */
    public record Progress(String state, int total, int done, int refused, String problem, Instant startedAt, Instant finishedAt) {
        public boolean running() {
            return "running".equals(state);
        }
    }

    /** What a step needs of a photo. */
    private record Kept(String personId, byte[] image, String templateId, String externalId) {
    }

    private final ServiceClient services;
    private final RecognitionClient recognition;
    private final AuditLog audit;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    // one organization at a time per instance: a re-index is heavy (every photo through the models)
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reindex");
        t.setDaemon(true);
        return t;
    });

    public Reindex(ServiceClient services, @RestClient RecognitionClient recognition, AuditLog audit) {
        this.services = services;
        this.recognition = recognition;
        this.audit = audit;
    }

    /** Starts a re-index of the organization unless one is running; returns where it stands. */
    public Progress start(String orgId, String actor) {
        boolean[] fresh = {false};
        Progress now = progress.compute(orgId, (k, p) -> {
            if (p != null && p.running()) {
                return p;
            }
            fresh[0] = true;
            return new Progress("running", 0, 0, 0, null, Instant.now(), null);
        });
        if (fresh[0]) {
            worker.submit(() -> run(orgId, actor));
        }
        return now;
    }

    public Progress progress(String orgId) {
        return progress.getOrDefault(orgId, new Progress("never", 0, 0, 0, null, null, null));
    }

    void run(String orgId, String actor) {
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> Photo.<Photo>find(
                "orgId = ?1 and status = 'ENROLLED' order by createdAt", orgId).stream().map(p -> p.id).toList());
        Instant started = progress(orgId).startedAt();
        int done = 0;
        int refused = 0;
        progress.put(orgId, new Progress("running", ids.size(), 0, 0, null, started, null));
        try {
            for (String id : ids) {
                // read inside the transaction: the image is a lazy column
                Kept p = QuarkusTransaction.requiringNew().call(() -> {
                    Photo found = Photo.findById(id);
                    if (found == null || !"ENROLLED".equals(found.status)) {
                        return null;
                    }
                    org.rollcall.identity.account.User person = org.rollcall.identity.account.User.inOrg(orgId, found.personId);
                    return new Kept(found.personId, found.image, found.templateId, person == null ? null : person.externalId);
                });
                if (p == null) {
                    continue; // erased or rejected meanwhile
                }
                try {
                    EnrolledTemplate t = recognition.enroll("Bearer " + services.serviceToken(orgId, "enroller"),
                            new RecognitionClient.EnrollForm(orgId, p.personId(), p.image(), id, p.templateId(), p.externalId()));
                    QuarkusTransaction.requiringNew().run(() -> {
                        Photo stored = Photo.findById(id);
                        if (stored != null) {
                            stored.templateId = t.templateId();
                            stored.quality = Math.round(t.quality() * 100) / 100f;
                        }
                    });
                } catch (ServiceRefusal e) {
                    if (e.status() != 422) {
                        throw new ServiceUnavailable("recognition answered " + e.status());
                    }
                    // today's checks refuse a photo an older model took: its old template stays, the count says so
                    refused++;
                }
                done++;
                progress.put(orgId, new Progress("running", ids.size(), done, refused, null, started, null));
            }
            progress.put(orgId, new Progress("finished", ids.size(), done, refused, null, started, Instant.now()));
            audit.record(orgId, actor, "REINDEX", done + " photos, " + refused + " refused");
        } catch (RuntimeException e) {
            LOG.warnf("re-index of %s stopped after %d of %d photos: %s", orgId, done, ids.size(), e.getMessage());
            progress.put(orgId, new Progress("stopped", ids.size(), done, refused,
                    "recognition is not available; run it again (what is done stays done)", started, Instant.now()));
        }
    }
}
