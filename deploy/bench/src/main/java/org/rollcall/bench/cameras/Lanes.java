package org.rollcall.bench.cameras;

/**
 * Who walks where in the system bench: each camera's picture is split into {@code lanes}
 * vertical lanes, and each lane shows one person at a time for {@link #VISIT_S} seconds, then
 * nobody for {@link #GAP_S} (the person left; the next one comes). Lanes and cameras are
 * staggered, so people come and go at different moments, and with two lanes a camera is never
 * empty (one lane's gap falls in the other's visit). Persons are portrait indexes.
 */
record Lanes(int lanes, int people) {
    static final double VISIT_S = 12;
    static final double GAP_S = 3;
    static final double CYCLE_S = VISIT_S + GAP_S;
    /** Shorter than this in view and a person may fairly go unrecognised (the tracker needs a few frames). */
    static final double APPEARS_S = 4;

    /** The person lane {@code lane} of camera {@code camera} shows {@code t} seconds into the row, or -1. */
    int showing(int camera, int lane, double t) {
        double shifted = t + lane * CYCLE_S / lanes + camera * 1.7;
        long visit = (long) Math.floor(shifted / CYCLE_S);
        if (shifted - visit * CYCLE_S >= VISIT_S) {
            return -1;
        }
        return (int) Math.floorMod(camera * lanes + lane + visit * (lanes + 1), (long) people);
    }

    /** The persons in each lane of a camera at a moment (-1 for an empty lane). */
    int[] showing(int camera, double t) {
        int[] out = new int[lanes];
        for (int l = 0; l < lanes; l++) {
            out[l] = showing(camera, l, t);
        }
        return out;
    }

    /**
     * Whether person {@code person} stands in some lane of the first {@code cameras} cameras for at
     * least {@link #APPEARS_S} seconds of one visit that ends by {@code until} seconds: the people a
     * bench may demand a check-in for.
     */
    boolean appears(int person, int cameras, double until) {
        double step = 0.1;
        for (int c = 0; c < cameras; c++) {
            for (int l = 0; l < lanes; l++) {
                double run = 0;
                for (double t = 0; t < until; t += step) {
                    run = showing(c, l, t) == person ? run + step : 0;
                    if (run >= APPEARS_S) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
