package org.rollcall.face.detect;

/** 68 iBUG landmarks in image pixels, as x0,y0,x1,y1,... */
public record Landmarks(float[] xy) {

    public float x(int i) {
        return xy[2 * i];
    }

    public float y(int i) {
        return xy[2 * i + 1];
    }

    /**
     * The five alignment points (0-based iBUG indices): left eye = mean(37,38,40,41), right eye =
     * mean(43,44,46,47), nose tip = 30, mouth corners = mean(48,60) and mean(54,64).
     */
    public float[] fivePoints() {
        return new float[] {
            mean(37, 38, 40, 41, true), mean(37, 38, 40, 41, false),
            mean(43, 44, 46, 47, true), mean(43, 44, 46, 47, false),
            x(30), y(30),
            (x(48) + x(60)) / 2, (y(48) + y(60)) / 2,
            (x(54) + x(64)) / 2, (y(54) + y(64)) / 2
        };
    }

    private float mean(int a, int b, int c, int d, boolean xs) {
        return xs ? (x(a) + x(b) + x(c) + x(d)) / 4 : (y(a) + y(b) + y(c) + y(d)) / 4;
    }
}
