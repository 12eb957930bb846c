package org.rollcall.ingest.publish;

/** Width and height from a JPEG's frame header (SOFn), read without decoding anything. */
public final class JpegHeader {
    private JpegHeader() {
    }

    /** {width, height}, or null when no frame header comes before the image data or the markers are broken. */
    public static int[] size(byte[] data) {
        if (!JpegEncoder.startsLikeJpeg(data)) {
            return null;
        }
        int i = 2;
        while (i + 3 < data.length) {
            if ((data[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = data[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                i += 2; // markers without a length
                continue;
            }
            int length = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            if (length < 2) {
                return null;
            }
            boolean frameHeader = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frameHeader) {
                if (i + 8 >= data.length) {
                    return null;
                }
                int height = ((data[i + 5] & 0xFF) << 8) | (data[i + 6] & 0xFF);
                int width = ((data[i + 7] & 0xFF) << 8) | (data[i + 8] & 0xFF);
                return width > 0 && height > 0 ? new int[] {width, height} : null;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return null; // image data (or the end) before any frame header
            }
            i += 2 + length;
        }
        return null;
    }
}
