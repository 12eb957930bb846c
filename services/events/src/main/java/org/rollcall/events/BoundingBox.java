package org.rollcall.events;

/** A face box in pixels of the frame it was found in. */
public record BoundingBox(int x, int y, int width, int height) {
    public BoundingBox {
        if (width <= 0 || height <= 0) {
            throw new MalformedEventException("bounding box must have a positive size, was " + width + "x" + height);
        }
    }
}
