package org.rollcall.events.api;

import java.time.LocalDate;

/** People present (and late) on one day, for the dashboard's chart. */
public record DayCount(LocalDate day, long present, long late) {
}
