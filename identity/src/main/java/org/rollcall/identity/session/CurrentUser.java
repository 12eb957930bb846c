package org.rollcall.identity.session;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.rollcall.identity.account.User;

/** The signed-in user of a page request; pages that need one throw {@link SignInRequired} otherwise. */
@RequestScoped
public class CurrentUser {
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private User user;

    public CurrentUser(SecurityIdentity identity, JsonWebToken jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    /** The signed-in user (of an enabled account), or null. */
    public User get() {
        boolean anonymous;
        try {
            anonymous = identity.isAnonymous();
        } catch (io.quarkus.security.AuthenticationFailedException e) {
            anonymous = true;
        }
        if (user == null && !anonymous && jwt.getSubject() != null) {
            User u = User.findById(jwt.getSubject());
            user = u != null && u.enabled ? u : null;
        }
        return user;
    }

    /** Any signed-in user, the platform admin included. */
    public User requireSignedIn() {
        User u = get();
        if (u == null) {
            throw new SignInRequired();
        }
        return u;
    }

    public User require() {
        User u = requireSignedIn();
        if (u.orgId == null) {
            // the platform admin has no organization pages
            throw new jakarta.ws.rs.NotFoundException();
        }
        return u;
    }

    public User requireAdmin() {
        User u = require();
        if (u.role != User.Role.ADMIN) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return u;
    }

    /** The raw session token, to call attendance as this user (members see only themselves). */
    public String token() {
        return jwt.getRawToken();
    }

    /** Thrown where a page needs a signed-in user: answered with a redirect to /login. */
    public static final class SignInRequired extends RuntimeException {
        SignInRequired() {
            super("sign in required", null, false, false);
        }
    }
}
