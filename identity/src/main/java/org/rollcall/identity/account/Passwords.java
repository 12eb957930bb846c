package org.rollcall.identity.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.rollcall.identity.session.RevocationPublisher;

/**
 * Changing a password (knowing the current one) and resetting it by a single-use link an
 * administrator issues for one person. Either way every session of that person ends everywhere
 * (a revocation of all their tokens), and they sign in again with the new password.
 */
@ApplicationScoped
public class Passwords {
    static final Duration RESET_TTL = Duration.ofHours(1);

    private final AuditLog audit;
    private final RevocationPublisher revocations;

    public Passwords(AuditLog audit, RevocationPublisher revocations) {
        this.audit = audit;
        this.revocations = revocations;
    }

    @Transactional
    public void change(String userId, String current, String next) {
        User u = User.findById(userId);
        if (u == null || u.passwordHash == null || current == null || !BcryptUtil.matches(current, u.passwordHash)) {
            throw InvalidInput.of("current", "The current password is not right.");
        }
        set(u, next, userId, "CHANGE_PASSWORD");
    }

    /** A reset link's secret for a person of the admin's organization (shown once). */
    @Transactional
    public String resetLink(String orgId, String userId, String actor) {
        User u = User.inOrg(orgId, userId);
        if (u == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        String secret = Ids.secret();
        User.getEntityManager().createNativeQuery("INSERT INTO identity.password_reset (token_hash, user_id, org_id, created_by, expires_at) "
                + "VALUES (:h, :u, :o, :a, :e)").setParameter("h", Ids.sha256(secret)).setParameter("u", u.id).setParameter("o", orgId)
                .setParameter("a", actor).setParameter("e", OffsetDateTime.now().plus(RESET_TTL)).executeUpdate();
        audit.record(orgId, actor, "PASSWORD_RESET_LINK", u.id);
        return secret;
    }

    /** True while the link can be used (the form is shown only then). */
    @Transactional
    public boolean usable(String secret) {
        return !pending(secret, false).isEmpty();
    }

    @Transactional
    public void reset(String secret, String next) {
        List<?> rows = pending(secret, true);
        if (rows.isEmpty()) {
            throw InvalidInput.of("reset", "This link is not valid (used or expired). Ask an administrator for a new one.");
        }
        User u = User.findById((String) rows.get(0));
        User.getEntityManager().createNativeQuery("UPDATE identity.password_reset SET used_at = now() WHERE token_hash = :h")
                .setParameter("h", Ids.sha256(secret)).executeUpdate();
        set(u, next, u.id, "RESET_PASSWORD");
    }

    private List<?> pending(String secret, boolean lock) {
        return User.getEntityManager().createNativeQuery("SELECT user_id FROM identity.password_reset WHERE token_hash = :h "
                + "AND used_at IS NULL AND expires_at > now()" + (lock ? " FOR UPDATE" : ""))
                .setParameter("h", Ids.sha256(secret == null ? "" : secret)).getResultList();
    }

    private void set(User u, String next, String actor, String action) {
        if (next == null || next.length() < AccountService.MIN_PASSWORD || next.length() > 200) {
            throw InvalidInput.of("password", "At least " + AccountService.MIN_PASSWORD + " characters.");
        }
        u.passwordHash = BcryptUtil.bcryptHash(next, AccountService.BCRYPT_COST);
        u.failedLogins = 0;
        u.lockedUntil = null;
        audit.record(u.orgId, actor, action, u.id);
        // every session of this person, here and in every service, ends now
        revocations.allTokensOf(u.id);
    }
}
