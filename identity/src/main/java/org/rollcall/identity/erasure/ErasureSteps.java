package org.rollcall.identity.erasure;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What each service said it removed for an erasure, by service name (identity's own step included). */
final class ErasureSteps {
    private ErasureSteps() {
    }

    static Map<String, String> removed(EntityManager em, String erasureId) {
        @SuppressWarnings("unchecked")
        List<Object[]> steps = em.createNativeQuery("SELECT service, removed FROM identity.erasure_step WHERE erasure_id = :id")
                .setParameter("id", erasureId).getResultList();
        Map<String, String> byService = new TreeMap<>();
        steps.forEach(s -> byService.put((String) s[0], (String) s[1]));
        return byService;
    }
}
