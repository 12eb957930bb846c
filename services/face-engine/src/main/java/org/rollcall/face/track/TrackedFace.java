package org.rollcall.face.track;

/** Which track a detection of this frame belongs to, and whether it should be embedded now. */
public record TrackedFace(String trackId, int detectionIndex, boolean embedNow, boolean newTrack) {
}
