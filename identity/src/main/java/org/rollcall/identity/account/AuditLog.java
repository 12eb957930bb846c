package org.rollcall.identity.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Appends to identity.audit: sign-ins, enrollments, erasures, admin changes. */
@ApplicationScoped
public class AuditLog {
    private final EntityManager em;

    public AuditLog(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String orgId, String actor, String action, String detail) {
        em.createNativeQuery("INSERT INTO identity.audit (org_id, actor, action, detail) VALUES (:o, :a, :x, :d)")
                .setParameter("o", orgId == null ? "" : orgId).setParameter("a", actor).setParameter("x", action)
                .setParameter("d", detail == null ? "" : detail).executeUpdate();
    }
}
