package org.rollcall.identity.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollcall.identity.IdentityConfig;

/**
 * Sign-in attempts per client in a sliding window (accounts are locked in the database; this stops
 * one client from trying many accounts). An attempt is counted when it starts and forgiven when it
 * succeeds, so a parallel burst cannot pass the check before its failures are counted. The client
 * is the address the request came from, or behind the ingress the forwarded one (Quarkus' proxy
 * settings trust X-Forwarded-For from the configured proxies only); an IPv6 client counts by its
 * /64, which its owner can rotate through freely. Per instance, which bounds an attacker by the
 * number of replicas.
 */
@ApplicationScoped
public class LoginThrottle {
    private final IdentityConfig config;
    private final Map<String, Window> byClient = new ConcurrentHashMap<>();

    private static final class Window {
        Instant start = Instant.now();
        int attempts;
    }

    public LoginThrottle(IdentityConfig config) {
        this.config = config;
    }

    /** Counts an attempt of {@code address}; false (and not counted) when its window is used up. */
    public boolean tryAttempt(String address) {
        Instant now = Instant.now();
        // an ended window is replaced atomically, so concurrent attempts share one new window
        Window w = byClient.compute(client(address), (k, old) -> old == null || old.start.plus(config.lockDuration()).isBefore(now)
                ? new Window() : old);
        synchronized (w) {
            if (w.attempts >= config.maxFailedPerAddress()) {
                return false;
            }
            w.attempts++;
        }
        if (byClient.size() > 100_000) {
            byClient.values().removeIf(x -> x.start.plus(config.lockDuration()).isBefore(now));
        }
        return true;
    }

    /** A counted attempt succeeded: it is not held against the client. */
    public void succeeded(String address) {
        Window w = byClient.get(client(address));
        if (w != null) {
            synchronized (w) {
                w.attempts = Math.max(0, w.attempts - 1);
            }
        }
    }

    /** The throttled unit: an IPv4 address, or an IPv6 address's /64. */
    static String client(String address) {
        if (address == null || !address.contains(":")) {
            return address == null ? "" : address;
        }
        String a = address.startsWith("[") ? address.substring(1, address.indexOf(']') > 0 ? address.indexOf(']') : address.length()) : address;
        try {
            byte[] bytes = java.net.InetAddress.getByName(a).getAddress();
            if (bytes.length == 16) {
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
                }
                return prefix + ":/64";
            }
        } catch (java.net.UnknownHostException e) {
            // not an address literal: count it as given
        }
        return a;
    }
}
