package org.rollcall.attendance.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Works off the deliveries that are due: each pass claims a batch (SKIP LOCKED, so several
 * instances share the queue and none sends a delivery another is sending), POSTs them at once and
 * records each answer. A 2xx delivers; anything else (an error status, a timeout, a refused
 * address) is retried after 10 s, 20 s, 40 s ... up to 2 h between attempts, and after 10 attempts
 * the delivery is FAILED. A receiver sees an event at least once: it skips repeats by the
 * {@code Rollcall-Event-Id} header (the event's id). Hand-built on the JDK's HttpClient rather than
 * a REST Client: the address is each organization's own, known only at run time.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final EntityManager em;
    private final WebhookConfig config;
    private final WebhookTarget target;
    private final MeterRegistry registry;
    private final HttpClient http;

    public WebhookDispatcher(EntityManager em, WebhookConfig config, Webhooks webhooks, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.target = webhooks.target();
        this.registry = registry;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(config.timeout()).build();
    }

    /** A claimed delivery with what sending it needs. */
    record Due(long id, String eventId, byte[] payload, int attempts, String url, String secret) {
    }

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pass() {
        List<Due> due;
        try {
            due = QuarkusTransaction.requiringNew().call(this::claim);
        } catch (RuntimeException e) {
            // the database is away: the next pass tries again, nothing was claimed
            LOG.debugf("webhook deliveries not claimed: %s", e.getMessage());
            return;
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (Due d : due) {
            sent.add(send(d).thenAccept(outcome -> record(d, outcome)));
        }
        sent.forEach(CompletableFuture::join);
    }

    @SuppressWarnings("unchecked")
    private List<Due> claim() {
        // leased for the attempt: an instance that dies mid-send leaves them due again afterwards
        long leaseSeconds = config.timeout().toSeconds() + 30;
        List<Object[]> rows = em.createNativeQuery("""
                UPDATE attendance.webhook_delivery d SET next_attempt_at = now() + make_interval(secs => :lease)
                FROM attendance.webhook w
                WHERE w.id = d.webhook_id AND d.id IN (
                    SELECT id FROM attendance.webhook_delivery WHERE state = 'PENDING' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT :n FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.event_id, d.payload, d.attempts, w.url, w.secret""")
                .setParameter("lease", leaseSeconds).setParameter("n", config.batchSize()).getResultList();
        return rows.stream().map(r -> new Due(((Number) r[0]).longValue(), (String) r[1], (byte[]) r[2], ((Number) r[3]).intValue(),
                (String) r[4], (String) r[5])).toList();
    }

    /** What one attempt came to: the answer's status, or an error. */
    record Outcome(Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private CompletableFuture<Outcome> send(Due d) {
        String refusal = target.refusal(d.url());
        if (refusal != null) {
            return CompletableFuture.completedFuture(new Outcome(null, refusal));
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(config.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "Rollcall-Webhooks/1")
                .header("Rollcall-Event-Id", d.eventId()).header("Rollcall-Timestamp", Long.toString(timestamp))
                .header("Rollcall-Signature", WebhookSignature.of(d.secret(), timestamp, d.payload()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.payload())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> new Outcome(r.statusCode(), r.statusCode() / 100 == 2 ? null : "answered " + r.statusCode()))
                .exceptionally(e -> new Outcome(null, describe(e)));
    }

    private void record(Due d, Outcome o) {
        int attempts = d.attempts() + 1;
        String state = o.delivered() ? "DELIVERED" : attempts >= config.maxAttempts() ? "FAILED" : "PENDING";
        registry.counter("rollcall_webhook_attempts_total", "outcome", o.delivered() ? "delivered" : "failed").increment();
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    UPDATE attendance.webhook_delivery SET state = :s, attempts = :a, last_status = CAST(:st AS INTEGER),
                        last_error = CAST(:e AS TEXT), next_attempt_at = now() + make_interval(secs => :wait),
                        delivered_at = CASE WHEN :s = 'DELIVERED' THEN now() END
                    WHERE id = :i""")
                    .setParameter("s", state).setParameter("a", attempts).setParameter("st", o.status())
                    .setParameter("e", o.error() == null ? null : o.error().substring(0, Math.min(500, o.error().length())))
                    .setParameter("wait", (double) retryDelay(attempts).toMillis() / 1000).setParameter("i", d.id()).executeUpdate());
        } catch (RuntimeException e) {
            // not recorded: the lease runs out and the delivery is sent again (the receiver skips it by its event id)
            LOG.warnf("webhook delivery %d not recorded: %s", d.id(), e.getMessage());
        }
        if ("FAILED".equals(state)) {
            LOG.warnf("webhook delivery of event %s to %s failed %d times; the last: %s", d.eventId(), d.url(), attempts, o.error());
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: the first delay, doubled each time, at most the maximum. */
    Duration retryDelay(int attempts) {
        Duration d = config.firstRetryDelay().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : d;
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
