package org.rollcall.face.gallery;

/** Dot products with four independent accumulators, which the JIT pipelines well. */
final class Dot {
    private Dot() {
    }

    static float dot(float[] a, int offset, float[] b, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[offset + i] * b[i];
            s1 += a[offset + i + 1] * b[i + 1];
            s2 += a[offset + i + 2] * b[i + 2];
            s3 += a[offset + i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[offset + i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The dot of bfloat16 row {@code a} with float vector {@code b}: widening is a shift. */
    static float dotBf16(short[] a, int offset, float[] b, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += Float.intBitsToFloat(a[offset + i] << 16) * b[i];
            s1 += Float.intBitsToFloat(a[offset + i + 1] << 16) * b[i + 1];
            s2 += Float.intBitsToFloat(a[offset + i + 2] << 16) * b[i + 2];
            s3 += Float.intBitsToFloat(a[offset + i + 3] << 16) * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += Float.intBitsToFloat(a[offset + i] << 16) * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
