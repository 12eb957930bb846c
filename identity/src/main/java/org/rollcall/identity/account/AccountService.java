package org.rollcall.identity.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.session.RevocationPublisher;
import org.rollcall.identity.session.TokenIssuer;

/** Organizations, users and sign-in. Passwords are bcrypt hashes; errors never say which part was wrong. */
@ApplicationScoped
public class AccountService {
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}$");
    static final int MIN_PASSWORD = 10;
    static final int BCRYPT_COST = 12;
    /** Compared against when the account does not exist, so timing does not reveal accounts. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password", BCRYPT_COST);

    private final IdentityConfig config;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final RevocationPublisher revocations;
    /** An administrator's invitation lasts at most this long (a member's: invite-ttl). */
    static final java.time.Duration ADMIN_INVITE_TTL = java.time.Duration.ofDays(1);
    private final java.util.concurrent.Semaphore bcryptSlots =
            new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);

    public AccountService(IdentityConfig config, LoginThrottle throttle, AuditLog audit, RevocationPublisher revocations) {
        this.revocations = revocations;
        this.config = config;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Why sign-in failed: the page shows one generic message for all but THROTTLED. */
    public enum LoginFailure { INVALID, THROTTLED }

    public static final class LoginFailed extends RuntimeException {
        public final LoginFailure reason;

        LoginFailed(LoginFailure reason) {
            super(reason.name());
            this.reason = reason;
        }
    }

    /**
     * A new organization with its first admin. Every attempt counts against the client like a
     * sign-in (a success is forgiven), so probing which emails have accounts is throttled; the
     * platform admin (no {@code address}) is not throttled.
     */
    @Transactional
    public User register(String orgName, String displayName, String email, String password, String address) {
        if (address != null && !throttle.tryAttempt(address)) {
            throw new LoginFailed(LoginFailure.THROTTLED);
        }
        Map<String, String> errors = new HashMap<>();
        text(errors, "orgName", orgName, "Organization name");
        checkPerson(errors, displayName, email, password);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Organization org = new Organization();
        org.id = Ids.id("org");
        org.name = orgName.trim();
        org.persist();
        User u = newUser(org.id, displayName, email, password, User.Role.ADMIN);
        audit.record(org.id, u.id, "REGISTER", "organization created");
        if (address != null) {
            throttle.succeeded(address);
        }
        return u;
    }

    /** An admin adds a person; without a password they can only be enrolled (or invited later). */
    @Transactional
    public User createMember(String orgId, String displayName, String email, String password, User.Role role, String actor) {
        Map<String, String> errors = new HashMap<>();
        text(errors, "displayName", displayName, "Name");
        checkEmail(errors, email);
        if (password != null && !password.isEmpty() && password.length() < MIN_PASSWORD) {
            errors.put("password", "At least " + MIN_PASSWORD + " characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        User u = newUser(orgId, displayName, email, password == null || password.isEmpty() ? null : password, role);
        audit.record(orgId, actor, "CREATE_USER", u.id + " " + role);
        return u;
    }

    @Transactional
    public User ensurePlatformAdmin(String email, String password) {
        User existing = User.byEmail(email);
        if (existing != null) {
            return existing;
        }
        Map<String, String> errors = new HashMap<>();
        checkEmail(errors, email);
        if (password == null || password.length() < MIN_PASSWORD) {
            errors.put("password", "the platform admin password needs at least " + MIN_PASSWORD + " characters");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return newUser(null, "Platform admin", email, password, User.Role.PLATFORM);
    }

    /**
     * Checks a sign-in. Every attempt is counted before its password is compared: against the
     * client (the throttle) and against the account (under the account row's lock, in the
     * database), so a parallel burst of guesses gets no more comparisons than a slow one and a
     * right password late in a burst finds the account already locked. A success forgives its
     * attempt. The bcrypt comparison (~0.3 s by design) runs outside any transaction and at most
     * one per core at a time, so a burst queues in memory instead of holding database connections.
     */
    public User authenticate(String email, String password, String address) {
        if (!throttle.tryAttempt(address)) {
            throw new LoginFailed(LoginFailure.THROTTLED);
        }
        User u = email == null ? null : QuarkusTransaction.requiringNew().call(() -> {
            User found = User.byEmail(email);
            if (found != null) {
                User.getEntityManager().detach(found);
            }
            return found;
        });
        if (u == null || u.passwordHash == null) {
            bcrypt(password == null ? "" : password, DUMMY_HASH);
            throw new LoginFailed(LoginFailure.INVALID);
        }
        if (!QuarkusTransaction.requiringNew().call(() -> reserveAttempt(u.id))) {
            // a locked account answers like a wrong password, after as long: nothing tells it from an unknown one
            bcrypt(password == null ? "" : password, DUMMY_HASH);
            throw new LoginFailed(LoginFailure.INVALID);
        }
        boolean ok = password != null && bcrypt(password, u.passwordHash);
        return QuarkusTransaction.requiringNew().call(() -> outcome(u.id, ok, address));
    }

    /**
     * Counts an attempt on the account while holding its row: false when it is locked. The attempt
     * that reaches the limit locks the account and is still compared (it is within the allowance).
     */
    private boolean reserveAttempt(String userId) {
        User u = User.findById(userId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (u.lockedUntil != null && u.lockedUntil.isAfter(now)) {
            return false;
        }
        int attempts = u.failedLogins + 1;
        if (attempts >= config.maxFailedLogins()) {
            u.failedLogins = 0;
            u.lockedUntil = now.plus(config.lockDuration());
            audit.record(u.orgId, userId, "LOCKED", "too many failed sign-ins");
        } else {
            u.failedLogins = attempts;
        }
        return true;
    }

    private boolean bcrypt(String password, String hash) {
        try {
            bcryptSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailed(LoginFailure.THROTTLED);
        }
        try {
            return BcryptUtil.matches(password, hash);
        } finally {
            bcryptSlots.release();
        }
    }

    private User outcome(String userId, boolean ok, String address) {
        User u = User.findById(userId);
        Organization org = u.orgId == null ? null : Organization.findById(u.orgId);
        if (!ok || !u.enabled || (org != null && !org.enabled)) {
            // the attempt was counted when it started
            throw new LoginFailed(LoginFailure.INVALID);
        }
        u.failedLogins = 0;
        u.lockedUntil = null;
        throttle.succeeded(address);
        audit.record(u.orgId, u.id, "SIGN_IN", address);
        return u;
    }

    @Transactional
    public void setEnabled(String orgId, String userId, boolean enabled, String actor) {
        User u = User.inOrg(orgId, userId);
        if (u == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        u.enabled = enabled;
        audit.record(orgId, actor, enabled ? "ENABLE_USER" : "DISABLE_USER", userId);
        if (!enabled) {
            // every service refuses the user's current tokens now, not when they expire
            revocations.allTokensOf(userId);
        }
    }

    /**
     * Creates a single-use invitation for one email address; returns its secret (shown once, stored
     * hashed). Only that address can accept it, and an administrator's invitation lasts a day at most.
     */
    @Transactional
    public String invite(String orgId, User.Role role, String email, String actor) {
        Map<String, String> errors = new HashMap<>();
        checkEmail(errors, email);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String secret = Ids.secret();
        java.time.Duration ttl = role == User.Role.ADMIN && config.inviteTtl().compareTo(ADMIN_INVITE_TTL) > 0 ? ADMIN_INVITE_TTL : config.inviteTtl();
        jakarta.persistence.EntityManager em = Organization.getEntityManager();
        em.createNativeQuery("INSERT INTO identity.invite (token_hash, org_id, role, created_by, expires_at, email) VALUES (:h, :o, :r, :a, :e, :m)")
                .setParameter("h", Ids.sha256(secret)).setParameter("o", orgId).setParameter("r", role.name())
                .setParameter("a", actor).setParameter("e", java.time.OffsetDateTime.now().plus(ttl))
                .setParameter("m", email.trim().toLowerCase(java.util.Locale.ROOT))
                .executeUpdate();
        audit.record(orgId, actor, "INVITE", role.name());
        return secret;
    }

    /** Redeems an invitation into a new user of its organization; an unknown, used or expired one fails alike. */
    @Transactional
    public User acceptInvite(String secret, String displayName, String email, String password) {
        jakarta.persistence.EntityManager em = Organization.getEntityManager();
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery(
                "SELECT org_id, role FROM identity.invite WHERE token_hash = :h AND used_at IS NULL AND expires_at > now() "
                        + "AND email = :m FOR UPDATE")
                .setParameter("h", Ids.sha256(secret == null ? "" : secret))
                .setParameter("m", email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT)).getResultList();
        if (rows.isEmpty()) {
            // unknown, used, expired, or for another address: one answer
            throw InvalidInput.of("invite", "This invitation is not valid (used, expired, or sent to another email address).");
        }
        Map<String, String> errors = new HashMap<>();
        checkPerson(errors, displayName, email, password);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        em.createNativeQuery("UPDATE identity.invite SET used_at = now() WHERE token_hash = :h")
                .setParameter("h", Ids.sha256(secret)).executeUpdate();
        String orgId = (String) rows.get(0)[0];
        User u = newUser(orgId, displayName, email, password, User.Role.valueOf((String) rows.get(0)[1]));
        audit.record(orgId, u.id, "ACCEPT_INVITE", null);
        return u;
    }

    /** A new API key for an integrator with the scopes an admin chose; returns the key (shown once, stored as a hash). */
    @Transactional
    public String createApiKey(String orgId, String name, java.util.Collection<String> scopes, String actor) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw InvalidInput.of("keyName", "Name the integration (at most 100 characters).");
        }
        if (scopes == null || scopes.isEmpty() || !org.rollcall.events.Claims.Scopes.ALL.containsAll(scopes)) {
            throw InvalidInput.of("keyScopes", "Choose what the key may do.");
        }
        // stored in the portal's order, whatever the form's
        String granted = String.join(" ", org.rollcall.events.Claims.Scopes.ALL.stream().filter(scopes::contains).toList());
        String key = "rk_" + Ids.secret();
        Organization.getEntityManager().createNativeQuery(
                "INSERT INTO identity.api_key (id, org_id, name, key_hash, created_by, scopes) VALUES (:i, :o, :n, :h, :a, :s)")
                .setParameter("i", Ids.id("key")).setParameter("o", orgId).setParameter("n", name.trim())
                .setParameter("h", Ids.sha256(key)).setParameter("a", actor).setParameter("s", granted).executeUpdate();
        audit.record(orgId, actor, "CREATE_API_KEY", name.trim() + " (" + granted + ")");
        return key;
    }

    /** An integrator's key as the people page lists it (never the key itself). */
    public record ApiKey(String id, String name, java.time.Instant createdAt, boolean revoked, java.util.List<String> scopes) {
    }

    @Transactional
    public java.util.List<ApiKey> apiKeys(String orgId) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = Organization.getEntityManager().createNativeQuery(
                "SELECT id, name, created_at, revoked_at IS NOT NULL, scopes FROM identity.api_key WHERE org_id = :o ORDER BY created_at")
                .setParameter("o", orgId).getResultList();
        return rows.stream().map(r -> new ApiKey((String) r[0], (String) r[1], r[2] instanceof java.time.Instant i ? i
                : r[2] instanceof java.time.OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) r[2]).toInstant(), (Boolean) r[3],
                scopeList((String) r[4])))
                .toList();
    }

    /** An active key's organization, id and scopes, found by the key itself (null: unknown or revoked). */
    public record ActiveKey(String id, String orgId, java.util.List<String> scopes) {
    }

    @Transactional
    public ActiveKey activeKey(String key) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = Organization.getEntityManager().createNativeQuery(
                "SELECT id, org_id, scopes FROM identity.api_key WHERE key_hash = :h AND revoked_at IS NULL")
                .setParameter("h", Ids.sha256(key)).getResultList();
        return rows.isEmpty() ? null : new ActiveKey((String) rows.get(0)[0], (String) rows.get(0)[1], scopeList((String) rows.get(0)[2]));
    }

    private static java.util.List<String> scopeList(String stored) {
        return stored == null || stored.isBlank() ? java.util.List.of() : java.util.List.of(stored.trim().split(" +"));
    }

    /** Revokes a key: exchanges stop at once, and every service refuses the tokens already issued for it. */
    @Transactional
    public void revokeApiKey(String orgId, String keyId, String actor) {
        int n = Organization.getEntityManager().createNativeQuery(
                "UPDATE identity.api_key SET revoked_at = now() WHERE id = :i AND org_id = :o AND revoked_at IS NULL")
                .setParameter("i", keyId).setParameter("o", orgId).executeUpdate();
        if (n == 0) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        audit.record(orgId, actor, "REVOKE_API_KEY", keyId);
        revocations.allTokensOf(TokenIssuer.apiKeySubject(keyId));
    }

    private User newUser(String orgId, String displayName, String email, String password, User.Role role) {
        if (User.byEmail(email) != null) {
            throw InvalidInput.of("email", "This email cannot be used here. If you already have an account, sign in.");
        }
        User u = new User();
        u.id = Ids.id("u");
        u.orgId = orgId;
        u.email = email.trim();
        u.displayName = displayName.trim();
        u.passwordHash = password == null ? null : BcryptUtil.bcryptHash(password, BCRYPT_COST);
        u.role = role;
        u.persist();
        return u;
    }

    private static void checkPerson(Map<String, String> errors, String displayName, String email, String password) {
        text(errors, "displayName", displayName, "Name");
        checkEmail(errors, email);
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            errors.put("password", "At least " + MIN_PASSWORD + " characters.");
        }
    }

    private static void checkEmail(Map<String, String> errors, String email) {
        if (email == null || !EMAIL.matcher(email.trim()).matches()) {
            errors.put("email", "Enter an email address.");
        }
    }

    private static void text(Map<String, String> errors, String field, String value, String label) {
        if (value == null || value.isBlank() || value.length() > 100) {
            errors.put(field, label + " is required (at most 100 characters).");
        }
    }
}
