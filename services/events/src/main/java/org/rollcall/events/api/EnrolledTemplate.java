package org.rollcall.events.api;

/** Recognition's answer to an enrollment (201): the template made and the face it came from. */
public record EnrolledTemplate(String templateId, String personId, String modelId, float quality, float sharpness, float pose,
        float eyeDistance, Float liveness, FaceBox box) {
}
