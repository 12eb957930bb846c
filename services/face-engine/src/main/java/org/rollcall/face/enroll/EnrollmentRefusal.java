package org.rollcall.face.enroll;

/**
 * Why a photo cannot be enrolled: a reason that is stable for programs (no_face, several_faces,
 * too_small, too_blurry, not_frontal, spoof) and a sentence a person can act on.
 */
public class EnrollmentRefusal extends RuntimeException {
    private final String reason;

    public EnrollmentRefusal(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
