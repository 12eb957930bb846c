package org.rollcall.attendance.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An organization's rules: which sightings count, zones per site, and refused settings. */
class PolicyTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static Policy policy(Double liveness) {
        return new Policy(0.45, liveness, Duration.ofMinutes(5), BERLIN, Schedule.none(), Map.of("site-tokyo", TOKYO));
    }

    @ParameterizedTest(name = "person={0} similarity={1} liveness={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "null, 0.99, 0.99, unknown",
        "alice, 0.449, 0.99, similarity",
        "alice, 0.45, 0.99, null",
        "alice, 0.80, 0.49, liveness",
        "alice, 0.80, 0.50, null",
        "alice, 0.80, null, liveness",
        "alice, 0.10, 0.10, similarity",
        "null, 0.10, 0.10, unknown"})
    void whichSightingsCountWithLivenessOn(String person, double similarity, Double liveness, String rejection) {
        assertEquals(rejection, policy(0.5).rejection(person, similarity, liveness));
    }

    @ParameterizedTest(name = "liveness off: person={0} similarity={1} liveness={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "alice, 0.80, null, null", "alice, 0.80, 0.0, null", "alice, 0.44, null, similarity", "null, 0.9, null, unknown"})
    void withLivenessOffOnlyIdentityAndSimilarityCount(String person, double similarity, Double liveness, String rejection) {
        assertEquals(rejection, policy(null).rejection(person, similarity, liveness));
    }

    @Test
    void aSiteWithItsOwnZoneUsesItAndEveryOtherSiteTheOrganizations() {
        Policy p = policy(0.5);
        assertEquals(TOKYO, p.zoneOf("site-tokyo"));
        assertEquals(BERLIN, p.zoneOf("site-elsewhere"));
        assertEquals(BERLIN, p.zoneOf(null));
    }

    @Test
    void todayIsEachSitesOwnDateAndARangeEndsAtTheLatest() {
        java.time.Instant evening = java.time.Instant.parse("2026-12-01T20:00:00Z");
        Policy p = policy(0.5);
        assertEquals(java.time.LocalDate.parse("2026-12-01"), p.today(null, evening), "21:00 in Berlin");
        assertEquals(java.time.LocalDate.parse("2026-12-02"), p.today("site-tokyo", evening), "05:00 in Tokyo");
        assertEquals(java.time.LocalDate.parse("2026-12-02"), p.latestToday(evening));
        assertEquals(java.time.LocalDate.parse("2026-12-01"), p.latestToday(java.time.Instant.parse("2026-12-01T10:00:00Z")));
    }

    @Test
    void theSiteZonesAreACopy() {
        Map<String, ZoneId> zones = new HashMap<>(Map.of("s", TOKYO));
        Policy p = new Policy(0.45, null, Duration.ZERO, BERLIN, Schedule.none(), zones);
        zones.put("s", BERLIN);
        assertEquals(TOKYO, p.zoneOf("s"));
    }

    @ParameterizedTest(name = "similarity threshold {0} refused")
    @CsvSource({"0", "1", "-0.1", "1.5"})
    void thresholdsOutsideTheOpenUnitIntervalAreRefused(double threshold) {
        assertThrows(IllegalArgumentException.class,
                () -> new Policy(threshold, null, Duration.ZERO, BERLIN, Schedule.none(), Map.of()));
    }

    @ParameterizedTest(name = "liveness threshold {0} refused")
    @CsvSource({"-0.01", "1", "2"})
    void livenessThresholdsOutsideTheRangeAreRefused(double threshold) {
        assertThrows(IllegalArgumentException.class,
                () -> new Policy(0.45, threshold, Duration.ZERO, BERLIN, Schedule.none(), Map.of()));
    }

    @Test
    void boundaryValuesAreAccepted() {
        new Policy(0.01, 0.0, Duration.ZERO, BERLIN, Schedule.none(), Map.of());
        new Policy(0.99, 0.99, Duration.ofHours(12), BERLIN, Schedule.none(), Map.of());
        assertThrows(IllegalArgumentException.class,
                () -> new Policy(0.45, null, Duration.ofHours(12).plusSeconds(1), BERLIN, Schedule.none(), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Policy(0.45, null, Duration.ofSeconds(-1), BERLIN, Schedule.none(), Map.of()));
    }

    @ParameterizedTest(name = "arrival {0} with start 09:00 and grace {1} -> late={2}")
    @CsvSource({"09:00, 0, false", "09:00:01, 0, true", "09:10, 10, false", "09:10:01, 10, true", "08:59, 0, false",
        "23:59, 720, true", "20:59, 720, false"})
    void lateArrivals(String arrival, int grace, boolean late) {
        Schedule s = new Schedule(LocalTime.of(9, 0), LocalTime.of(21, 0), grace);
        assertEquals(late, s.late(LocalTime.parse(arrival)));
    }

    @ParameterizedTest(name = "departure {0} with end 17:00 and grace {1} -> early={2}")
    @CsvSource({"17:00, 0, false", "16:59:59, 0, true", "16:50, 10, false", "16:49:59, 10, true", "18:00, 0, false"})
    void earlyDepartures(String departure, int grace, boolean early) {
        Schedule s = new Schedule(LocalTime.of(9, 0), LocalTime.of(17, 0), grace);
        assertEquals(early, s.earlyLeave(LocalTime.parse(departure)));
    }

    @Test
    void openEndedSchedules() {
        Schedule startOnly = new Schedule(LocalTime.of(9, 0), null, 0);
        assertTrue(startOnly.late(LocalTime.of(9, 1)));
        assertFalse(startOnly.earlyLeave(LocalTime.of(0, 1)));
        Schedule endOnly = new Schedule(null, LocalTime.of(17, 0), 0);
        assertFalse(endOnly.late(LocalTime.of(23, 0)));
        assertTrue(endOnly.earlyLeave(LocalTime.of(16, 0)));
        assertNull(Schedule.none().start());
    }

    @ParameterizedTest(name = "schedule {0}-{1} grace {2} refused")
    @CsvSource({"09:00, 09:00, 0", "17:00, 09:00, 0", "09:00, 17:00, -1", "09:00, 17:00, 721"})
    void impossibleSchedulesAreRefused(String start, String end, int grace) {
        assertThrows(IllegalArgumentException.class,
                () -> new Schedule(LocalTime.parse(start), LocalTime.parse(end), grace));
    }

    @Test
    void graceAtItsLimitsIsAccepted() {
        assertEquals(0, new Schedule(null, null, 0).graceMinutes());
        assertEquals(720, new Schedule(null, null, 720).graceMinutes());
    }
}
