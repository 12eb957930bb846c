package org.rollcall.attendance.sighting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.rollcall.attendance.policy.AttendanceConfig;

/**
 * Deletes sightings older than {@code rollcall.attendance.sighting-retention}, hourly, in
 * batches (short transactions, so identity events keep flowing meanwhile). Recognition emits an
 * event per track decision, not per frame, and this bounds what the table holds to about a week
 * of them. Several replicas may run it at once: a row goes once.
 */
// created at start, so its counter is exported (as 0) before the first use: alerts need the series
@io.quarkus.runtime.Startup
@ApplicationScoped
public class SightingRetention {
    private static final Logger LOG = Logger.getLogger(SightingRetention.class);
    static final int BATCH = 10_000;

    private final EntityManager em;
    private final AttendanceConfig config;
    private final Counter deleted;

    public SightingRetention(EntityManager em, AttendanceConfig config, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.deleted = Counter.builder("rollcall_sightings_expired").description("sightings deleted after the retention").register(registry);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        try {
            long n = expireBefore(Instant.now().minus(config.sightingRetention()));
            if (n > 0) {
                LOG.infof("%d sightings older than %s deleted", n, config.sightingRetention());
            }
        } catch (RuntimeException e) {
            // the next hour tries again; nothing depends on this having run
            LOG.warnf("sighting retention did not run: %s", e.getMessage());
        }
    }

    /** Deletes every sighting captured before {@code cutoff}; returns how many. */
    public long expireBefore(Instant cutoff) {
        long total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    DELETE FROM attendance.sighting WHERE event_id IN (
                        SELECT event_id FROM attendance.sighting WHERE captured_at < :cutoff LIMIT :n)""")
                    .setParameter("cutoff", cutoff).setParameter("n", BATCH).executeUpdate());
            total += n;
            deleted.increment(n);
        } while (n == BATCH);
        return total;
    }
}
