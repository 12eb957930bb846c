package org.rollcall.face;

/** Nanoseconds spent per stage for one image (summed over its faces). */
public record StageTimings(long decode, long detect, long landmarks, long align, long embed, long liveness,
                           long quality) {
    public static final StageTimings ZERO = new StageTimings(0, 0, 0, 0, 0, 0, 0);

    public long total() {
        return decode + detect + landmarks + align + embed + liveness + quality;
    }

    public StageTimings plus(StageTimings o) {
        return new StageTimings(decode + o.decode, detect + o.detect, landmarks + o.landmarks, align + o.align,
                embed + o.embed, liveness + o.liveness, quality + o.quality);
    }
}
