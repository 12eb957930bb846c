package org.rollcall.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Finding (medium, issue 16) "no per-tenant quotas: one tenant's flood makes everyone's frames
 * stale": one organization's frames beyond its budget are dropped; another's are not touched.
 */
class OrgFrameBudgetTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void aFloodingOrganizationGetsItsBudgetAndAnotherKeepsItsOwn() {
        OrgFrameBudget budget = new OrgFrameBudget(20);
        int flood = 0;
        int quiet = 0;
        // ten seconds: the flooder offers 200 frames a second, the other 5
        for (int i = 0; i < 2000; i++) {
            long t = i * SECOND / 200;
            flood += budget.take("flooder", t) ? 1 : 0;
            if (i % 40 == 0) {
                quiet += budget.take("quiet", t) ? 1 : 0;
            }
        }
        assertTrue(flood >= 20 * 10 && flood <= 20 * 10 + 20, "the flooder published its budget only: " + flood);
        assertEquals(50, quiet, "the other organization lost nothing");
    }
}
