package org.rollcall.face.detect;

/** A detected face: its square box in image pixels and the detector's confidence. */
public record Detection(Box box, float score) {
}
