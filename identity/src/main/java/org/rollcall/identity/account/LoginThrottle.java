package org.rollcall.identity.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollcall.identity.IdentityConfig;

/**
 * Failed sign-ins per client address in a sliding window (accounts are locked in the database;
 * this stops one address from trying many accounts). Per instance, which bounds an attacker by
 * the number of replicas.
 */
@ApplicationScoped
public class LoginThrottle {
    private final IdentityConfig config;
    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

    private static final class Window {
        Instant start = Instant.now();
        int failures;
    }

    public LoginThrottle(IdentityConfig config) {
        this.config = config;
    }

    public boolean blocked(String address) {
        Window w = byAddress.get(address);
        if (w == null) {
            return false;
        }
        synchronized (w) {
            if (w.start.plus(config.lockDuration()).isBefore(Instant.now())) {
                byAddress.remove(address);
                return false;
            }
            return w.failures >= config.maxFailedPerAddress();
        }
    }

    public void failed(String address) {
        Window w = byAddress.computeIfAbsent(address, a -> new Window());
        synchronized (w) {
            w.failures++;
        }
        if (byAddress.size() > 100_000) {
            byAddress.values().removeIf(x -> x.start.plus(config.lockDuration()).isBefore(Instant.now()));
        }
    }
}
