package org.rollcall.face.image;

/**
 * Width x height from a WebP file's first chunk (lossy VP8, lossless VP8L or extended VP8X), read
 * before any pixel is decoded so that the pixel limit applies to WebP as to JPEG and PNG.
 */
final class WebpHeader {
    private WebpHeader() {
    }

    /** Bytes the RIFF container claims (its size field plus the 8-byte header). */
    static long riffLength(byte[] b) {
        return (le32(b, 4) & 0xffffffffL) + 8;
    }

    static long pixels(byte[] b) {
        if (b.length < 30) {
            throw new InvalidImageException("the WebP image header is corrupt");
        }
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        long width;
        long height;
        switch (chunk) {
            case "VP8 " -> {
                // key frame: 3 bytes of frame tag, start code 9d 01 2a, then 14-bit width and height
                if ((b[23] & 0xff) != 0x9d || (b[24] & 0xff) != 0x01 || (b[25] & 0xff) != 0x2a) {
                    throw new InvalidImageException("the WebP image header is corrupt");
                }
                width = le16(b, 26) & 0x3fff;
                height = le16(b, 28) & 0x3fff;
            }
            case "VP8L" -> {
                if ((b[20] & 0xff) != 0x2f) {
                    throw new InvalidImageException("the WebP image header is corrupt");
                }
                long bits = le32(b, 21) & 0xffffffffL;
                width = (bits & 0x3fff) + 1;
                height = ((bits >> 14) & 0x3fff) + 1;
            }
            case "VP8X" -> {
                width = le24(b, 24) + 1;
                height = le24(b, 27) + 1;
            }
            default -> throw new InvalidImageException("the WebP image header is corrupt");
        }
        if (width == 0 || height == 0) {
            throw new InvalidImageException("the WebP image header is corrupt");
        }
        return width * height;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static long le24(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (long) (b[i + 2] & 0xff) << 16;
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }
}
