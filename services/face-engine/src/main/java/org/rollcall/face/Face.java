package org.rollcall.face;

import org.rollcall.face.detect.Detection;
import org.rollcall.face.detect.Landmarks;
import org.rollcall.face.quality.Quality;

/**
 * One analysed face.
 *
 * @param embedding L2-normalised, or null when the caller asked for detection only
 * @param liveness probability of a live face, or null when not computed
 */
public record Face(int index, Detection detection, Landmarks landmarks, float[] embedding, Float liveness,
                   Quality quality) {
}
