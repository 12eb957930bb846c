package org.rollcall.events.api;

/** Where a face is in a photo, in pixels. */
public record FaceBox(int x, int y, int width, int height) {
}
