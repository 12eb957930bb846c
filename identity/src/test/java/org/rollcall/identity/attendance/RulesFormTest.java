package org.rollcall.identity.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollcall.events.api.PolicyView;
import org.rollcall.identity.account.InvalidInput;

/** The rules page's form: what it stores, and the settings it refuses as unsafe or malformed. */
class RulesFormTest {

    private static RulesForm form(String similarity, String livenessOn, String liveness, String cooldown, String zone, String start,
            String end, String grace) {
        return new RulesForm(similarity, livenessOn, liveness, cooldown, zone, start, end, grace);
    }

    @Test
    void aValidFormBecomesTheRulesAndLeavesSiteZonesAlone() {
        PolicyView p = form("0.5", "on", "0.6", "10", "Asia/Tokyo", "09:00", "17:30", "5").toPolicy();
        assertEquals(new PolicyView(0.5, 0.6, 10, "Asia/Tokyo", LocalTime.of(9, 0), LocalTime.of(17, 30), 5, null), p);
        assertNull(form("0.5", null, "0.6", "0", "UTC", "", "", "0").toPolicy().livenessThreshold(), "unchecked: liveness off");
    }

    @Test
    void theRulesInForceRoundTripThroughTheForm() {
        PolicyView inForce = new PolicyView(0.45, 0.5, 5, "Europe/Berlin", LocalTime.of(8, 0), LocalTime.of(16, 0), 10,
                Map.of("hq", "Asia/Tokyo"));
        PolicyView back = RulesForm.of(inForce).toPolicy();
        assertEquals(new PolicyView(0.45, 0.5, 5, "Europe/Berlin", LocalTime.of(8, 0), LocalTime.of(16, 0), 10, null), back);
    }

    @Test
    void aThresholdStoredAsAFloatShowsAndSavesAsItWasSet() {
        PolicyView stored = new PolicyView(0.41999998688697815, 0.5, 5, "UTC", null, null, 0, Map.of());
        RulesForm form = RulesForm.of(stored);
        assertEquals("0.42", form.similarity());
        assertEquals(0.42, form.toPolicy().similarityThreshold(), "the page saves unchanged rules without an error");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "similarity below recognition's threshold | 0.30 | on | 0.5 | 5 | UTC | | | 0 | similarity",
        "similarity nobody reaches | 0.95 | on | 0.5 | 5 | UTC | | | 0 | similarity",
        "liveness that lets photos through | 0.5 | on | 0.1 | 5 | UTC | | | 0 | liveness",
        "not a number | abc | on | 0.5 | 5 | UTC | | | 0 | similarity",
        "negative cooldown | 0.5 | on | 0.5 | -1 | UTC | | | 0 | cooldown",
        "cooldown over 12 hours | 0.5 | on | 0.5 | 721 | UTC | | | 0 | cooldown",
        "unknown zone | 0.5 | on | 0.5 | 5 | Mars/Base | | | 0 | zone",
        "start without end | 0.5 | on | 0.5 | 5 | UTC | 09:00 | | 0 | end",
        "end before start | 0.5 | on | 0.5 | 5 | UTC | 17:00 | 09:00 | 0 | end",
        "malformed time | 0.5 | on | 0.5 | 5 | UTC | 9am | 17:00 | 0 | start",
        "grace too long | 0.5 | on | 0.5 | 5 | UTC | 09:00 | 17:00 | 600 | grace"})
    void unsafeOrMalformedSettingsAreRefusedAtTheirField(String why, String similarity, String livenessOn, String liveness,
            String cooldown, String zone, String start, String end, String grace, String field) {
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> form(similarity, livenessOn, liveness, cooldown, zone, start, end, grace).toPolicy());
        assertEquals(Set.of(field), e.errors().keySet(), why);
    }
}
