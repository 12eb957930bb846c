package org.rollcall.face.image;

/** The bytes are not an image Rollcall accepts; the message says why, for the user. */
public class InvalidImageException extends RuntimeException {
    public InvalidImageException(String message) {
        super(message);
    }
}
