package org.rollcall.attendance.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.rollcall.attendance.record.InvalidRequestException;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.api.DeliveryView;
import org.rollcall.events.api.WebhookView;

/** An organization's webhooks and their delivery log; every query is scoped by organization. */
@ApplicationScoped
public class Webhooks {
    private final EntityManager em;
    private final WebhookConfig config;
    private final WebhookTarget target;
    private final SecureRandom random = new SecureRandom();

    public Webhooks(EntityManager em, WebhookConfig config) {
        this.em = em;
        this.config = config;
        this.target = new WebhookTarget(config.allowPrivateNetworks(), config.allowHttp());
    }

    WebhookTarget target() {
        return target;
    }

    /** A new webhook; the answer carries its secret, which no later answer shows. */
    @Transactional
    public WebhookView create(String orgId, String url, String actor) {
        String why = target.refusal(url);
        if (why != null) {
            throw new InvalidRequestException(why);
        }
        Number count = (Number) em.createNativeQuery("SELECT count(*) FROM attendance.webhook WHERE org_id = :o")
                .setParameter("o", orgId).getSingleResult();
        if (count.intValue() >= config.maxPerOrganization()) {
            throw new InvalidRequestException("an organization has at most " + config.maxPerOrganization() + " webhooks");
        }
        byte[] b = new byte[32];
        random.nextBytes(b);
        String secret = "whsec_" + HexFormat.of().formatHex(b);
        String id = "wh-" + java.util.UUID.randomUUID();
        Instant now = Instant.now();
        em.createNativeQuery("""
                INSERT INTO attendance.webhook (id, org_id, url, secret, created_by, created_at) VALUES (:i, :o, :u, :s, :a, :t)""")
                .setParameter("i", id).setParameter("o", orgId).setParameter("u", url.trim()).setParameter("s", secret)
                .setParameter("a", actor).setParameter("t", OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC)).executeUpdate();
        return new WebhookView(id, url.trim(), true, now, secret);
    }

    @Transactional
    public List<WebhookView> list(String orgId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT id, url, enabled, created_at FROM attendance.webhook WHERE org_id = :o ORDER BY created_at")
                .setParameter("o", orgId).getResultList();
        return rows.stream().map(r -> new WebhookView((String) r[0], (String) r[1], (Boolean) r[2], instant(r[3]), null)).toList();
    }

    /** Deletes a webhook and its log; false when the organization has no such webhook. */
    @Transactional
    public boolean delete(String orgId, String id) {
        return em.createNativeQuery("DELETE FROM attendance.webhook WHERE id = :i AND org_id = :o")
                .setParameter("i", id).setParameter("o", orgId).executeUpdate() > 0;
    }

    /** The latest deliveries to one of the organization's webhooks, newest first; null when it has no such webhook. */
    @Transactional
    public List<DeliveryView> deliveries(String orgId, String id, int limit) {
        Number owned = (Number) em.createNativeQuery("SELECT count(*) FROM attendance.webhook WHERE id = :i AND org_id = :o")
                .setParameter("i", id).setParameter("o", orgId).getSingleResult();
        if (owned.intValue() == 0) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT event_id, event_type, state, attempts, last_status, last_error, created_at, next_attempt_at, delivered_at
                FROM attendance.webhook_delivery WHERE webhook_id = :i AND org_id = :o ORDER BY id DESC LIMIT :n""")
                .setParameter("i", id).setParameter("o", orgId).setParameter("n", limit).getResultList();
        return rows.stream().map(r -> new DeliveryView((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                r[4] == null ? null : ((Number) r[4]).intValue(), (String) r[5], instant(r[6]),
                "PENDING".equals(r[2]) ? instant(r[7]) : null, r[8] == null ? null : instant(r[8]))).toList();
    }

    /** Queues an event for each enabled webhook of its organization, in the caller's transaction (the outbox's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(AttendanceEvent event, byte[] payload) {
        em.createNativeQuery("""
                INSERT INTO attendance.webhook_delivery (webhook_id, org_id, person_id, event_id, event_type, payload)
                SELECT id, org_id, :p, :e, :t, :b FROM attendance.webhook WHERE org_id = :o AND enabled
                ON CONFLICT (webhook_id, event_id) DO NOTHING""")
                .setParameter("p", event.personId()).setParameter("e", event.eventId()).setParameter("t", event.type().name())
                .setParameter("b", payload).setParameter("o", event.orgId()).executeUpdate();
    }

    /** An erasure: the person's deliveries (their payloads hold the person's records), or the whole organization's webhooks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long erase(String orgId, String personId) {
        if (personId == null) {
            em.createNativeQuery("DELETE FROM attendance.webhook_delivery WHERE org_id = :o").setParameter("o", orgId).executeUpdate();
            return em.createNativeQuery("DELETE FROM attendance.webhook WHERE org_id = :o").setParameter("o", orgId).executeUpdate();
        }
        return em.createNativeQuery("DELETE FROM attendance.webhook_delivery WHERE org_id = :o AND person_id = :p")
                .setParameter("o", orgId).setParameter("p", personId).executeUpdate();
    }

    static Instant instant(Object o) {
        return o instanceof Instant i ? i : o instanceof OffsetDateTime t ? t.toInstant() : ((java.sql.Timestamp) o).toInstant();
    }
}
