package org.rollcall.recognition.enroll;

/**
 * An enrollment photo that does not meet the rules; {@code reason} is stable for programs
 * (no_face, several_faces, too_small, too_blurry, not_frontal, spoof, invalid_image), the
 * message is for people.
 */
public class EnrollmentRefused extends RuntimeException {
    private final String reason;

    public EnrollmentRefused(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
