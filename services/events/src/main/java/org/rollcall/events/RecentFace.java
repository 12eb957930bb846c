package org.rollcall.events;

import java.time.Instant;

/**
 * A face the dashboard shows, value of {@link Topics#RECENT_FACES} under {@link #key()}: a small
 * thumbnail of a newly seen (or re-embedded) track, and for an unknown visitor the best crop so
 * far (what "enroll as" enrolls). Published by whichever recognition instance saw it, so the
 * dashboard's recent faces are true with any number of instances. The topic is compacted by
 * key and deletes after a day: a tombstone (identity, on erasure or after "enroll as") forgets a
 * person's or a visitor's face.
 *
 * @param thumbnail JPEG, longest side 96 px
 * @param crop JPEG, longest side 256 px, only for an unknown visitor whose best crop improved; else null
 * @param sightings how often the publishing instance has seen this unknown visitor (embedded tracks); 1 for a person
 */
public record RecentFace(int version, String orgId, String cameraId, String personId, String unknownClusterId, double similarity,
                         Instant at, byte[] thumbnail, byte[] crop, float quality, int sightings) {

    public static final int VERSION = 1;
    /** The key's middle part for a named person and for an unknown visitor. */
    public static final String PERSON = "person";
    public static final String VISITOR = "visitor";

    public RecentFace {
        Require.version(version, VERSION, "RecentFace");
        Require.text(orgId, "orgId");
        Require.text(cameraId, "cameraId");
        if ((personId == null) == (unknownClusterId == null)) {
            throw new MalformedEventException("exactly one of personId and unknownClusterId is required");
        }
        Require.range(similarity, -1, 1, "similarity");
        Require.present(at, "at");
        Require.present(thumbnail, "thumbnail");
        Require.range(sightings, 1, Integer.MAX_VALUE, "sightings");
        if (thumbnail.length == 0 || thumbnail.length > 64 * 1024 || (crop != null && crop.length > 256 * 1024)) {
            throw new MalformedEventException("thumbnail or crop has an impossible size");
        }
    }

    public String key() {
        return personId != null ? key(orgId, PERSON, personId) : key(orgId, VISITOR, unknownClusterId);
    }

    public static String key(String orgId, String kind, String id) {
        return orgId + "/" + kind + "/" + id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentFace r && r.key().equals(key()) && r.at.equals(at) && r.cameraId.equals(cameraId)
                && java.util.Arrays.equals(r.thumbnail, thumbnail) && java.util.Arrays.equals(r.crop, crop);
    }

    @Override
    public int hashCode() {
        return key().hashCode() * 31 + at.hashCode();
    }

    @Override
    public String toString() {
        return "RecentFace[" + key() + ", camera=" + cameraId + ", at=" + at + "]";
    }
}
