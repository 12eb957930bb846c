package org.rollcall.ingest.camera;

/**
 * Splits cameras between ingest instances deterministically: a camera belongs to instance
 * {@code hash(cameraId) mod count}. String.hashCode is specified by the language, so every
 * instance computes the same split.
 */
public record Ownership(int index, int count) {
    public Ownership {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("rollcall.ingest.instance-index must be in [0, instance-count)");
        }
    }

    public boolean owns(String cameraId) {
        return Math.floorMod(cameraId.hashCode(), count) == index;
    }
}
