package org.rollcall.attendance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollcall.attendance.policy.Schedule;
import org.rollcall.attendance.record.DayRules.Change;
import org.rollcall.attendance.record.DayRules.Step;
import org.rollcall.attendance.record.DayRules.Times;

/** The day-record rules without a database: cooldowns, late arrivals, midnight and DST. */
class DayRulesTest {
    static final Duration COOLDOWN = Duration.ofMinutes(5);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant NINE = Instant.parse("2026-03-10T09:00:00Z");
    static final Schedule NINE_TO_FIVE = new Schedule(LocalTime.of(9, 0), LocalTime.of(17, 0), 10);

    private static Instant at(int minutesAfterNine) {
        return NINE.plus(Duration.ofMinutes(minutesAfterNine));
    }

    @ParameterizedTest(name = "check-in 09:00, no check-out, sighting at +{0} min -> {1}")
    @CsvSource({
        "0, NONE", "1, NONE", "4, NONE", "5, CHECK_OUT", "6, CHECK_OUT", "480, CHECK_OUT",
        "-1, EARLIER_CHECK_IN", "-4, EARLIER_CHECK_IN", "-5, EARLIER_CHECK_IN", "-60, EARLIER_CHECK_IN"})
    void aSightingOnADayWithOnlyACheckIn(int minutes, Change expected) {
        Step s = DayRules.next(new Times(NINE, null), at(minutes), COOLDOWN);
        assertEquals(expected, s.change());
    }

    @ParameterizedTest(name = "check-in 09:00:00, a sighting {0} s earlier arriving late -> {1}")
    @CsvSource({"1, NONE", "4, NONE", "5, EARLIER_CHECK_IN", "30, EARLIER_CHECK_IN"})
    void aSightingSecondsEarlierFromAnotherCameraDoesNotRepublishTheCheckIn(int seconds, Change expected) {
        Step s = DayRules.next(new Times(NINE, null), NINE.minusSeconds(seconds), COOLDOWN);
        assertEquals(expected, s.change());
        assertEquals(expected == Change.NONE ? NINE : NINE.minusSeconds(seconds), s.times().checkIn());
    }

    @Test
    void aCheckOutMovesToTheSighting() {
        Step s = DayRules.next(new Times(NINE, null), at(30), COOLDOWN);
        assertEquals(new Times(NINE, at(30)), s.times());
    }

    @ParameterizedTest(name = "check-out 10:00, sighting at +{0} min after nine -> {1}")
    @CsvSource({"60, NONE", "62, NONE", "64, NONE", "65, CHECK_OUT", "120, CHECK_OUT", "30, NONE", "0, NONE", "1, NONE"})
    void theCooldownCountsFromTheLastSeenTime(int minutes, Change expected) {
        Step s = DayRules.next(new Times(NINE, at(60)), at(minutes), COOLDOWN);
        assertEquals(expected, s.change());
        if (expected == Change.NONE) {
            assertEquals(new Times(NINE, at(60)), s.times(), "nothing changes within the cooldown");
        } else {
            assertEquals(at(minutes), s.times().checkOut());
            assertEquals(NINE, s.times().checkIn());
        }
    }

    @Test
    void anEarlierSightingAtLeastACooldownBeforeKeepsTheOldCheckInAsLastSeen() {
        Step s = DayRules.next(new Times(NINE, null), at(-25), COOLDOWN);
        assertEquals(new Times(at(-25), NINE), s.times());
    }

    @Test
    void anEarlierSightingWithinTheCooldownOnlyMovesTheCheckIn() {
        Step s = DayRules.next(new Times(NINE, null), at(-2), COOLDOWN);
        assertEquals(new Times(at(-2), null), s.times());
    }

    @Test
    void anEarlierSightingExactlyOneCooldownBeforeKeepsTheOldCheckIn() {
        Step s = DayRules.next(new Times(NINE, null), at(-5), COOLDOWN);
        assertEquals(new Times(at(-5), NINE), s.times());
    }

    @Test
    void anEarlierSightingKeepsAnExistingCheckOut() {
        Step s = DayRules.next(new Times(NINE, at(300)), at(-30), COOLDOWN);
        assertEquals(new Times(at(-30), at(300)), s.times());
    }

    @Test
    void aZeroCooldownCountsEveryLaterSighting() {
        assertEquals(Change.CHECK_OUT, DayRules.next(new Times(NINE, null), NINE.plusMillis(1), Duration.ZERO).change());
        assertEquals(Change.NONE, DayRules.next(new Times(NINE, null), NINE, Duration.ZERO).change());
    }

    @Test
    void theSameSightingTwiceChangesNothingTheSecondTime() {
        Step first = DayRules.next(new Times(NINE, null), at(90), COOLDOWN);
        Step again = DayRules.next(first.times(), at(90), COOLDOWN);
        assertEquals(Change.NONE, again.change());
        assertSame(first.times(), again.times());
    }

    @Test
    void aRecordWithoutACheckInIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Times(null, NINE));
    }

    @ParameterizedTest(name = "{0} in {1} is local day {2}")
    @CsvSource({
        "2026-03-10T22:59:59Z, Europe/Berlin, 2026-03-10",
        "2026-03-10T23:00:00Z, Europe/Berlin, 2026-03-11",
        "2026-03-12T16:30:00Z, Asia/Tokyo, 2026-03-13",
        "2026-03-12T14:59:59Z, Asia/Tokyo, 2026-03-12",
        "2026-03-08T04:59:59Z, America/New_York, 2026-03-07",
        "2026-03-08T05:00:00Z, America/New_York, 2026-03-08",
        // after the spring-forward (EDT, UTC-4): midnight is 04:00Z
        "2026-03-09T03:59:59Z, America/New_York, 2026-03-08",
        "2026-03-09T04:00:00Z, America/New_York, 2026-03-09",
        "2026-10-25T22:59:59Z, Europe/Berlin, 2026-10-25",
        "2026-10-25T23:00:00Z, Europe/Berlin, 2026-10-26",
        "2026-03-10T12:00:00Z, UTC, 2026-03-10",
        "2026-03-10T10:00:00Z, Pacific/Kiritimati, 2026-03-11"})
    void theLocalDayFollowsTheSitesZoneAcrossMidnightAndDst(String instant, String zone, String day) {
        assertEquals(LocalDate.parse(day), DayRules.day(Instant.parse(instant), ZoneId.of(zone)));
    }

    @ParameterizedTest(name = "arrival {0} local in Berlin -> late={1}")
    @CsvSource({"2026-03-28T09:10:00, false", "2026-03-28T09:10:01, true", "2026-03-29T09:10:00, false",
        "2026-03-29T09:11:00, true", "2026-10-25T09:05:00, false", "2026-10-25T09:30:00, true", "2026-03-29T08:00:00, false"})
    void lateIsJudgedOnLocalWallClockTimeOnEitherSideOfDst(String local, boolean late) {
        Instant arrival = LocalDateTime.parse(local).atZone(BERLIN).toInstant();
        assertEquals(late, DayRules.late(NINE_TO_FIVE, arrival, BERLIN));
    }

    @Test
    void theSameInstantIsLateInOneZoneAndOnTimeInAnother() {
        Instant t = Instant.parse("2026-07-01T13:30:00Z"); // 15:30 Berlin, 09:30 New York
        assertTrue(DayRules.late(NINE_TO_FIVE, t, BERLIN));
        assertTrue(DayRules.late(NINE_TO_FIVE, t, NEW_YORK));
        Instant early = Instant.parse("2026-07-01T13:05:00Z"); // 09:05 New York
        assertFalse(DayRules.late(NINE_TO_FIVE, early, NEW_YORK));
    }

    @ParameterizedTest(name = "departure {0} local -> early={1}")
    @CsvSource({"16:49:59, true", "16:50:00, false", "17:00:00, false", "12:00:00, true", "23:00:00, false"})
    void earlyLeaveUsesTheLocalEndMinusGrace(String local, boolean early) {
        Instant departure = LocalDate.parse("2026-03-29").atTime(LocalTime.parse(local)).atZone(BERLIN).toInstant();
        assertEquals(early, DayRules.earlyLeave(NINE_TO_FIVE, departure, BERLIN));
    }

    @Test
    void noCheckOutIsNeverAnEarlyLeave() {
        assertFalse(DayRules.earlyLeave(NINE_TO_FIVE, null, BERLIN));
    }

    @Test
    void manualTimesMustFallOnTheirLocalDay() {
        LocalDate day = LocalDate.parse("2026-03-10");
        Instant in = LocalDateTime.parse("2026-03-10T08:00:00").atZone(BERLIN).toInstant();
        DayRules.requireWithinDay(day, BERLIN, in, in.plusSeconds(3600));
        DayRules.requireWithinDay(day, BERLIN, in, null);
        DayRules.requireWithinDay(day, BERLIN, in, in);
        assertEquals("checkIn is required",
                assertThrows(InvalidRequestException.class, () -> DayRules.requireWithinDay(day, BERLIN, null, in)).getMessage());
        Instant lateEvening = LocalDateTime.parse("2026-03-10T23:30:00").atZone(BERLIN).toInstant();
        DayRules.requireWithinDay(day, BERLIN, lateEvening, null);
        // 23:30 Berlin is still the 10th there but already the 11th in Tokyo
        assertTrue(assertThrows(InvalidRequestException.class,
                () -> DayRules.requireWithinDay(day, ZoneId.of("Asia/Tokyo"), lateEvening, null)).getMessage()
                .contains("not on 2026-03-10"));
        assertEquals("checkOut is before checkIn", assertThrows(InvalidRequestException.class,
                () -> DayRules.requireWithinDay(day, BERLIN, in, in.minusSeconds(1))).getMessage());
    }

    @Test
    void aScheduleWithoutHoursIsNeverLateOrEarly() {
        assertFalse(DayRules.late(Schedule.none(), Instant.parse("2026-03-10T23:59:00Z"), BERLIN));
        assertFalse(DayRules.earlyLeave(Schedule.none(), Instant.parse("2026-03-10T00:01:00Z"), BERLIN));
        assertNull(new Times(NINE, null).checkOut());
    }
}
