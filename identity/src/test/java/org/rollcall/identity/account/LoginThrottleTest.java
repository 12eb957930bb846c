package org.rollcall.identity.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rollcall.identity.IdentityConfig;

/** The per-address throttle on failed sign-ins. */
class LoginThrottleTest {
    private static IdentityConfig config(int maxPerAddress, Duration window) {
        // only the two settings the throttle reads; any other call is a test bug
        return (IdentityConfig) Proxy.newProxyInstance(IdentityConfig.class.getClassLoader(), new Class<?>[] {IdentityConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "maxFailedPerAddress" -> maxPerAddress;
                    case "lockDuration" -> window;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anAddressIsBlockedAfterItsFailuresAndOthersAreNot() {
        LoginThrottle t = new LoginThrottle(config(3, Duration.ofMinutes(15)));
        assertFalse(t.blocked("10.0.0.1"));
        t.failed("10.0.0.1");
        t.failed("10.0.0.1");
        assertFalse(t.blocked("10.0.0.1"), "two failures of three");
        t.failed("10.0.0.1");
        assertTrue(t.blocked("10.0.0.1"));
        assertFalse(t.blocked("10.0.0.2"), "another address");
    }

    @Test
    void theWindowEnds() {
        LoginThrottle t = new LoginThrottle(config(1, Duration.ofMillis(-1)));
        t.failed("10.0.0.1");
        assertFalse(t.blocked("10.0.0.1"), "a window that has passed blocks nothing");
    }
}
