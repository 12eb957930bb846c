package org.rollcall.identity.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import java.util.List;
import org.rollcall.events.api.CursorPage;
import org.rollcall.identity.directory.DirectoryViews.PersonView;
import org.rollcall.identity.directory.DirectoryViews.SiteView;

/**
 * People and sites for integrators: what resolves the ids in attendance records and events to
 * names, employee ids and time zones, one organization at a time, walked by cursor (by id).
 */
@ApplicationScoped
public class Directory {
    static final int MAX_LIMIT = 500;

    private final EntityManager em;

    public Directory(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public CursorPage<PersonView> people(String org, String cursor, Integer limit) {
        int n = limit(limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT u.id, u.external_id, u.display_name, u.role,
                       EXISTS (SELECT 1 FROM identity.photo p WHERE p.org_id = u.org_id AND p.person_id = u.id AND p.status = 'ENROLLED')
                FROM identity.app_user u
                WHERE u.org_id = :o AND u.id > :after ORDER BY u.id LIMIT :n""")
                .setParameter("o", org).setParameter("after", after(cursor)).setParameter("n", n + 1).getResultList();
        List<PersonView> people = rows.stream().map(r -> new PersonView((String) r[0], (String) r[1], (String) r[2],
                ((String) r[3]).toLowerCase(java.util.Locale.ROOT), (Boolean) r[4])).toList();
        return CursorPage.of(people, n, PersonView::id);
    }

    @Transactional
    public CursorPage<SiteView> sites(String org, String cursor, Integer limit) {
        int n = limit(limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT id, name, zone FROM identity.site WHERE org_id = :o AND id > :after ORDER BY id LIMIT :n")
                .setParameter("o", org).setParameter("after", after(cursor)).setParameter("n", n + 1).getResultList();
        List<SiteView> sites = rows.stream().map(r -> new SiteView((String) r[0], (String) r[1], (String) r[2])).toList();
        return CursorPage.of(sites, n, SiteView::id);
    }

    private static int limit(Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1.." + MAX_LIMIT);
        }
        return n;
    }

    private static String after(String cursor) {
        try {
            String key = CursorPage.decode(cursor);
            return key == null ? "" : key;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
