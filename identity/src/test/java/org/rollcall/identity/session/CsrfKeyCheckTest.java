package org.rollcall.identity.session;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Finding (medium): "falls back to unsigned tokens when ROLLCALL_CSRF_KEY is unset". */
class CsrfKeyCheckTest {
    @Test
    void anHttpsPortalNeedsASigningKey() {
        assertNotNull(CsrfKeyCheck.problem(true, ""));
        assertNotNull(CsrfKeyCheck.problem(true, "short"));
        assertNull(CsrfKeyCheck.problem(true, "0123456789abcdef0123456789abcdef"));
        assertNull(CsrfKeyCheck.problem(false, ""), "local http development");
    }
}
