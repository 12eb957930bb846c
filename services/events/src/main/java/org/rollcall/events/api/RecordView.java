package org.rollcall.events.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An attendance record as the API shows it.
 *
 * @param day the local date at the site
 * @param zone the site's time zone (IANA id): the zone {@code day}, late and early leave are reckoned in
 */
public record RecordView(long id, String personId, LocalDate day, String siteId, String cameraId, Instant checkIn,
        Instant checkOut, boolean late, boolean earlyLeave, String source, String zone) {
}
