package org.rollcall.events;

/** Field checks used by the records' compact constructors, so an invalid message cannot exist. */
final class Require {
    private Require() {
    }

    static void present(Object value, String field) {
        if (value == null) {
            throw new MalformedEventException("missing required field '" + field + "'");
        }
    }

    static void text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing required field '" + field + "'");
        }
        if (value.length() > 200) {
            throw new MalformedEventException("field '" + field + "' is longer than 200 characters");
        }
    }

    static void version(int version, int supported, String type) {
        if (version != supported) {
            throw new MalformedEventException(
                    type + " version " + version + " is not supported (expected " + supported + ")");
        }
    }

    static void range(double value, double min, double max, String field) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new MalformedEventException("field '" + field + "' = " + value + " is outside [" + min + ", " + max + "]");
        }
    }
}
