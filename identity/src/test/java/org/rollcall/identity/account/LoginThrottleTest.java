package org.rollcall.identity.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rollcall.identity.IdentityConfig;

/** The per-client throttle on sign-in attempts. */
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
    void anAddressIsBlockedAfterItsAttemptsAndOthersAreNot() {
        LoginThrottle t = new LoginThrottle(config(3, Duration.ofMinutes(15)));
        assertTrue(t.tryAttempt("10.0.0.1"));
        assertTrue(t.tryAttempt("10.0.0.1"));
        assertTrue(t.tryAttempt("10.0.0.1"));
        assertFalse(t.tryAttempt("10.0.0.1"), "the fourth attempt of three");
        assertTrue(t.tryAttempt("10.0.0.2"), "another address");
    }

    @Test
    void aSuccessfulAttemptIsForgiven() {
        LoginThrottle t = new LoginThrottle(config(2, Duration.ofMinutes(15)));
        for (int i = 0; i < 10; i++) {
            assertTrue(t.tryAttempt("10.0.0.1"), "attempt " + i);
            t.succeeded("10.0.0.1");
        }
    }

    @Test
    void theWindowEnds() {
        LoginThrottle t = new LoginThrottle(config(1, Duration.ofMillis(-1)));
        assertTrue(t.tryAttempt("10.0.0.1"));
        assertTrue(t.tryAttempt("10.0.0.1"), "a window that has passed blocks nothing");
    }

    /** Finding (low) "IPv6 address rotation beats the per-address throttle": a /64 is one client. */
    @Test
    void anIpv6ClientIsItsSlash64() {
        assertEquals(LoginThrottle.client("2001:db8:1:2::1"), LoginThrottle.client("2001:db8:1:2:ffff:eeee:dddd:cccc"));
        assertFalse(LoginThrottle.client("2001:db8:1:2::1").equals(LoginThrottle.client("2001:db8:1:3::1")));
        LoginThrottle t = new LoginThrottle(config(2, Duration.ofMinutes(15)));
        assertTrue(t.tryAttempt("2001:db8:1:2::1"));
        assertTrue(t.tryAttempt("2001:db8:1:2::2"));
        assertFalse(t.tryAttempt("2001:db8:1:2::3"), "a third address of the same /64");
        assertEquals("192.0.2.7", LoginThrottle.client("192.0.2.7"));
    }
}
