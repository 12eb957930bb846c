package org.rollcall.identity.session;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rollcall.identity.IdentityConfig;

/**
 * Refuses to start a portal served over https (Secure cookies) without a CSRF signing key:
 * Quarkus would fall back to unsigned tokens. Local http development may go without one
 * (deploy/rollcall generates one anyway).
 */
@Startup
@ApplicationScoped
public class CsrfKeyCheck {
    public CsrfKeyCheck(IdentityConfig config, @ConfigProperty(name = "quarkus.rest-csrf.token-signature-key") Optional<String> key) {
        String problem = problem(config.secureCookies(), key.orElse(""));
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    static String problem(boolean secureCookies, String key) {
        if (secureCookies && key.isBlank()) {
            return "ROLLCALL_CSRF_KEY is not set: the portal would sign no CSRF tokens (set 32+ random bytes, see k8s/README.md)";
        }
        if (!key.isBlank() && key.length() < 32) {
            return "ROLLCALL_CSRF_KEY is too short: use at least 32 characters of random data";
        }
        return null;
    }
}
