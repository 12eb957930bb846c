package org.rollcall.identity.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Logged-out tokens stay refused until they would have expired anyway, here and (published) in every service. */
@ApplicationScoped
public class Revocations {
    private final EntityManager em;
    private final RevocationPublisher publisher;

    public Revocations(EntityManager em, RevocationPublisher publisher) {
        this.em = em;
        this.publisher = publisher;
    }

    @Transactional
    public void revoke(String jti, Instant expiresAt) {
        em.createNativeQuery("INSERT INTO identity.revoked_token (jti, expires_at) VALUES (:j, :e) ON CONFLICT DO NOTHING")
                .setParameter("j", jti).setParameter("e", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)).executeUpdate();
        em.createNativeQuery("DELETE FROM identity.revoked_token WHERE expires_at < now()").executeUpdate();
        publisher.signedOut(jti, expiresAt);
    }

    @Transactional
    public boolean revoked(String jti) {
        return jti != null && !em.createNativeQuery("SELECT 1 FROM identity.revoked_token WHERE jti = :j")
                .setParameter("j", jti).getResultList().isEmpty();
    }
}
