package org.rollcall.face.image;

/**
 * Guards applied before and during decoding.
 *
 * @param maxBytes largest encoded image (default 15 MiB)
 * @param maxPixels largest width x height (default 40 MP): stops decompression bombs before decoding
 */
public record ImageLimits(int maxBytes, long maxPixels) {
    public static final ImageLimits DEFAULT = new ImageLimits(15 * 1024 * 1024, 40_000_000L);
}
