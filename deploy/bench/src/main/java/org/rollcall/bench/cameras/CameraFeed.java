package org.rollcall.bench.cameras;

/** What the bench's cameras show: the JPEG camera {@code camera} sends as its {@code n}th frame of a stream. */
@FunctionalInterface
interface CameraFeed {
    byte[] frame(int camera, long n);
}
