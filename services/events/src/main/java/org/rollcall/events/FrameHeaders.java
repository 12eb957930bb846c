package org.rollcall.events;

/**
 * Header names of a {@link Topics#FRAMES} record. Frames are raw JPEG bytes, so everything
 * else travels in headers (UTF-8 strings).
 */
public final class FrameHeaders {
    public static final String ORG = "rc-org";
    public static final String SITE = "rc-site";
    public static final String CAMERA = "rc-camera";
    public static final String FRAME_ID = "rc-frame-id";
    /** ISO-8601 instant at which the frame was grabbed. */
    public static final String CAPTURED_AT = "rc-captured-at";
    /** rtsp, http, usb, file or browser. */
    public static final String SOURCE = "rc-source";
    /** The frame-ingest instance (and host) that grabbed it: whose clock the capture time is on. */
    public static final String INGEST = "rc-ingest";

    private FrameHeaders() {
    }
}
