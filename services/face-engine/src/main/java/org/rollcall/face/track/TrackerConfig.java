package org.rollcall.face.track;

/**
 * @param minIou overlap for a detection to continue a track (default 0.3)
 * @param maxAgeMillis a track not seen for this long ends (default 1500 ms)
 * @param qualityGain re-embed when quality beats the best embedded one by this much (default 0.15)
 * @param reembedMillis re-embed at least this often while the face stays (default 3000 ms)
 */
public record TrackerConfig(float minIou, long maxAgeMillis, float qualityGain, long reembedMillis) {
    public static final TrackerConfig DEFAULT = new TrackerConfig(0.3f, 1500, 0.15f, 3000);
}
