package org.rollcall.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class JpegHeaderTest {
    private static byte[] jpeg(int width, int height) {
        try (Mat m = new Mat(height, width, opencv_core.CV_8UC3, new Scalar(90, 120, 150, 0))) {
            return new JpegEncoder(80, 10_000).encode(m);
        }
    }

    @Test
    void readsTheSizeFromTheFrameHeaderOfARealJpeg() {
        assertArrayEquals(new int[] {640, 480}, JpegHeader.size(jpeg(640, 480)));
        assertArrayEquals(new int[] {33, 1201}, JpegHeader.size(jpeg(33, 1201)));
    }

    @Test
    void aClaimedSizeIsReadWithoutDecoding() {
        byte[] bomb = jpeg(16, 16);
        // the bomb of issue 16: a tiny file whose header claims 30000x30000
        int sof = indexOfFrameHeader(bomb);
        bomb[sof + 5] = (byte) (30000 >> 8);
        bomb[sof + 6] = (byte) (30000 & 0xFF);
        bomb[sof + 7] = (byte) (30000 >> 8);
        bomb[sof + 8] = (byte) (30000 & 0xFF);
        assertArrayEquals(new int[] {30000, 30000}, JpegHeader.size(bomb));
        assertNull(new JpegEncoder(80, 1280).passThrough(bomb), "more than 8K is refused before any decoding");
    }

    @Test
    void brokenOrTruncatedHeadersHaveNoSize() {
        byte[] real = jpeg(64, 48);
        assertNull(JpegHeader.size(Arrays.copyOf(real, 6)));
        assertNull(JpegHeader.size(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2}), "scan data before a frame header");
        assertNull(JpegHeader.size("not a jpeg at all".getBytes()));
        byte[] brokenMarker = real.clone();
        brokenMarker[2] = 0x00;
        assertNull(JpegHeader.size(brokenMarker));
    }

    @Test
    void aFittingFrameIsPublishedAsItCameAndALargerOneScaledDown() {
        JpegEncoder encoder = new JpegEncoder(80, 1280);
        byte[] small = jpeg(640, 480);
        assertSame(small, encoder.passThrough(small));
        byte[] large = jpeg(1920, 1080);
        assertArrayEquals(new int[] {1280, 720}, JpegHeader.size(encoder.passThrough(large)));
    }

    private static int indexOfFrameHeader(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i;
            }
        }
        throw new AssertionError("no SOF0");
    }
}
