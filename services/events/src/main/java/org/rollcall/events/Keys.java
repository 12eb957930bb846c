package org.rollcall.events;

/** Record keys. Ids never contain '/', so keys split unambiguously. */
public final class Keys {
    public static final String UNKNOWN = "unknown";

    private Keys() {
    }

    public static String template(String orgId, String personId, String templateId) {
        return orgId + "/" + personId + "/" + templateId;
    }

    public static String person(String orgId, String personId) {
        return orgId + "/" + (personId == null ? UNKNOWN : personId);
    }

    /** Parts of a key, or a clear error when it does not have the expected number of parts. */
    public static String[] split(String key, int parts) {
        if (key == null) {
            throw new MalformedEventException("record has no key");
        }
        String[] p = key.split("/", -1);
        if (p.length != parts) {
            throw new MalformedEventException("key '" + key + "' does not have " + parts + " parts");
        }
        for (String s : p) {
            if (s.isBlank()) {
                throw new MalformedEventException("key '" + key + "' has an empty part");
            }
        }
        return p;
    }
}
