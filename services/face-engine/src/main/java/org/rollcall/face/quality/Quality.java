package org.rollcall.face.quality;

/**
 * @param overall geometric mean of size, sharpness and pose, in [0,1]
 * @param size 1 when the eyes are at least 35 px apart
 * @param sharpness 1 when the aligned face is sharp
 * @param pose 1 when frontal
 * @param eyeDistance pixels between the eye centres in the original image
 * @param blurVariance Laplacian variance of the aligned face (higher = sharper)
 * @param yaw signed nose offset from the reference nose in the aligned frame, in eye distances (0 = frontal)
 */
public record Quality(float overall, float size, float sharpness, float pose, float eyeDistance, float blurVariance,
                      float yaw) {
}
