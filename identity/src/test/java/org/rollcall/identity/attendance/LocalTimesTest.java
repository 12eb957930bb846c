package org.rollcall.identity.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.rollcall.identity.account.InvalidInput;

/** Times as a site's clocks show them, and times an admin types read as that site's. */
class LocalTimesTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anInstantIsPrintedInTheSitesZoneWithItsName() {
        Instant checkIn = Instant.parse("2026-12-01T20:35:00Z");
        assertEquals("05:35 JST", LocalTimes.time(checkIn, TOKYO));
        assertEquals("21:35 CET", LocalTimes.time(checkIn, BERLIN));
        assertEquals("05:35", LocalTimes.clock(checkIn, TOKYO));
        assertEquals("", LocalTimes.time(null, TOKYO));
        assertEquals("Wed 2 Dec 2026", LocalTimes.day(LocalDate.parse("2026-12-02")));
    }

    @Test
    void aTypedTimeIsTheSitesLocalTimeOnThatDay() {
        LocalDate day = LocalDate.parse("2026-12-02");
        assertEquals(Instant.parse("2026-12-01T20:35:00Z"), LocalTimes.at(day, "05:35", TOKYO, "checkIn", false));
        assertEquals(Instant.parse("2026-12-02T04:35:00Z"), LocalTimes.at(day, "05:35", BERLIN, "checkIn", false));
        // summer time: the same clock time is an hour earlier in UTC
        assertEquals(Instant.parse("2026-07-01T06:00:00Z"), LocalTimes.at(LocalDate.parse("2026-07-01"), "08:00", BERLIN, "x", false));
        assertNull(LocalTimes.at(day, " ", TOKYO, "checkOut", true));
    }

    @Test
    void aMissingOrMalformedTimeNamesItsField() {
        LocalDate day = LocalDate.parse("2026-12-02");
        assertEquals("checkIn", assertThrows(InvalidInput.class, () -> LocalTimes.at(day, "", TOKYO, "checkIn", false))
                .errors().keySet().iterator().next());
        assertEquals("checkOut", assertThrows(InvalidInput.class, () -> LocalTimes.at(day, "25:00", TOKYO, "checkOut", true))
                .errors().keySet().iterator().next());
    }

    @Test
    void anUnknownZoneIdFallsBackToUtc() {
        assertEquals(ZoneId.of("UTC"), LocalTimes.zone("Mars/Olympus_Mons"));
        assertEquals(ZoneId.of("UTC"), LocalTimes.zone(null));
        assertEquals(TOKYO, LocalTimes.zone("Asia/Tokyo"));
    }
}
