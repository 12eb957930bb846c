package org.rollcall.identity.enroll;

import org.rollcall.identity.account.InvalidInput;

/**
 * The consent a face enrollment needs, as shown on every enrollment form and recorded with every
 * photo: which text (its version), for which purpose, and how it was given. A form showing an
 * older text is refused, so a recorded version is always the text the person saw.
 */
public final class ConsentText {
    /** Changes whenever {@link #STATEMENT} changes. */
    public static final String VERSION = "2026-12-01";
    public static final String PURPOSE = "attendance";
    public static final String STATEMENT = "Face recognition for attendance at this organization's sites: the photo is kept to create "
            + "a face template, which is compared with the faces that this organization's cameras see. The photo and its "
            + "template can be erased at any time.";
    static final int MAX_EVIDENCE = 500;

    /** A consent as recorded with a photo. */
    public record Consent(String version, String purpose, String evidence) {
    }

    /**
     * The consent given on a form that showed text {@code shownVersion}; {@code evidence} says how
     * it was given (by the person, by an admin on their behalf, an import's paper forms).
     */
    public static Consent given(String shownVersion, String evidence) {
        if (!VERSION.equals(shownVersion)) {
            throw InvalidInput.of("consent", "The consent text has changed since this form was shown; read it again and confirm.");
        }
        if (evidence == null || evidence.isBlank() || evidence.length() > MAX_EVIDENCE
                || evidence.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInput.of("consent", "Say how the consent was given (at most " + MAX_EVIDENCE + " characters).");
        }
        return new Consent(VERSION, PURPOSE, evidence.trim());
    }

    private ConsentText() {
    }
}
