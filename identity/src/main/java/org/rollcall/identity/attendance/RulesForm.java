package org.rollcall.identity.attendance;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rollcall.events.api.PolicyView;
import org.rollcall.identity.account.InvalidInput;

/**
 * The attendance rules page's form, read within safe bounds: attendance's API takes any
 * similarity in (0,1), but below recognition's own threshold a setting does nothing (recognition
 * already answers "unknown") and above 0.90 hardly anyone counts; a liveness threshold below 0.30
 * lets printed photos through (spoofs score low, not zero). Turning liveness off stays possible
 * (cameras behind glass or in infrared can fail it) and the page says what that costs.
 */
public record RulesForm(String similarity, String livenessOn, String liveness, String cooldown, String zone, String start,
        String end, String grace) {
    public static final double MIN_SIMILARITY = 0.42;
    public static final double MAX_SIMILARITY = 0.90;
    public static final double MIN_LIVENESS = 0.30;
    public static final double MAX_LIVENESS = 0.95;
    public static final int MAX_COOLDOWN_MINUTES = 720;
    public static final int MAX_GRACE_MINUTES = 240;

    /** The form showing the rules in force. */
    public static RulesForm of(PolicyView p) {
        // attendance stores thresholds as 4-byte floats (0.42 comes back as 0.41999998...): shown to 2 places
        return new RulesForm(twoPlaces(p.similarityThreshold()), p.livenessThreshold() == null ? "" : "on",
                p.livenessThreshold() == null ? "0.50" : twoPlaces(p.livenessThreshold()), String.valueOf(p.cooldownMinutes()),
                p.zone(), p.scheduleStart() == null ? "" : p.scheduleStart().toString(),
                p.scheduleEnd() == null ? "" : p.scheduleEnd().toString(), String.valueOf(p.graceMinutes()));
    }

    /** The rules to store; site zones are left as they are (null: set on the Sites page). */
    public PolicyView toPolicy() {
        Map<String, String> errors = new LinkedHashMap<>();
        double sim = number(similarity, "similarity", MIN_SIMILARITY, MAX_SIMILARITY, errors);
        Double live = "on".equals(livenessOn) ? number(liveness, "liveness", MIN_LIVENESS, MAX_LIVENESS, errors) : null;
        int cool = whole(cooldown, "cooldown", MAX_COOLDOWN_MINUTES, errors);
        int graceMinutes = whole(grace, "grace", MAX_GRACE_MINUTES, errors);
        String zoneId = zone == null ? "" : zone.trim();
        try {
            ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            errors.put("zone", "Choose a time zone from the list.");
        }
        LocalTime from = time(start, "start", errors);
        LocalTime to = time(end, "end", errors);
        if ((from == null) != (to == null) && !errors.containsKey("start") && !errors.containsKey("end")) {
            errors.put(from == null ? "start" : "end", "Give both the start and the end of the working day, or neither.");
        } else if (from != null && to != null && !from.isBefore(to)) {
            errors.put("end", "The working day must end after it starts.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new PolicyView(sim, live, cool, zoneId, from, to, graceMinutes, null);
    }

    private static String twoPlaces(double d) {
        return java.math.BigDecimal.valueOf(d).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static double number(String v, String field, double min, double max, Map<String, String> errors) {
        try {
            // to 3 places: a float's 0.41999998 is the 0.42 it was set to
            double d = java.math.BigDecimal.valueOf(Double.parseDouble(v == null ? "" : v.trim()))
                    .setScale(3, java.math.RoundingMode.HALF_UP).doubleValue();
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, "Enter a number from " + min + " to " + max + ".");
        return 0;
    }

    private static int whole(String v, String field, int max, Map<String, String> errors) {
        try {
            int i = Integer.parseInt(v == null ? "" : v.trim());
            if (i >= 0 && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, "Enter whole minutes from 0 to " + max + ".");
        return 0;
    }

    private static LocalTime time(String v, String field, Map<String, String> errors) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(v.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, "Enter a time as HH:MM (24-hour).");
            return null;
        }
    }
}
