package org.rollcall.ingest.publish;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Encodes frames once, capped in size, and vets JPEGs that arrive already encoded. */
public final class JpegEncoder {
    private final int quality;
    private final int maxSide;

    public JpegEncoder(int quality, int maxSide) {
        this.quality = quality;
        this.maxSide = maxSide;
    }

    /** A BGR image as JPEG, scaled down so its longest side is at most maxSide. */
    public byte[] encode(Mat bgr) {
        int longest = Math.max(bgr.cols(), bgr.rows());
        if (longest <= maxSide) {
            return jpeg(bgr);
        }
        double f = (double) maxSide / longest;
        try (Mat small = new Mat()) {
            resize(bgr, small, new Size((int) Math.round(bgr.cols() * f), (int) Math.round(bgr.rows() * f)), 0, 0, INTER_AREA);
            return jpeg(small);
        }
    }

    /**
     * A JPEG from a client, decoded in full to prove it is one; returned as is when small enough,
     * re-encoded smaller otherwise. Null when it is not a decodable JPEG.
     */
    public byte[] vet(byte[] data) {
        if (!startsLikeJpeg(data)) {
            return null;
        }
        long pixels = headerPixels(data);
        if (pixels <= 0 || pixels > MAX_PIXELS) {
            // a decompression bomb (a few KB that decode to gigabytes) is refused before decoding
            return null;
        }
        try (Mat raw = new Mat(1, data.length, org.bytedeco.opencv.global.opencv_core.CV_8U, new BytePointer(data));
             Mat img = imdecode(raw, IMREAD_COLOR)) {
            if (img == null || img.empty()) {
                return null;
            }
            return Math.max(img.cols(), img.rows()) <= maxSide ? data : encode(img);
        }
    }

    /**
     * A camera's own JPEG (one frame of an MJPEG stream), published without decoding it when its
     * header says it already fits {@code maxSide}: recognition decodes every frame anyway and
     * refuses one that does not decode. Larger frames go through {@link #vet} (decoded, scaled).
     * Null when the header is unreadable or claims more than {@link #MAX_PIXELS}.
     */
    public byte[] passThrough(byte[] data) {
        int[] size = JpegHeader.size(data);
        if (size == null || (long) size[0] * size[1] > MAX_PIXELS) {
            return null;
        }
        return Math.max(size[0], size[1]) <= maxSide ? data : vet(data);
    }

    /** Largest frame decoded from a client: 8K (7680x4320); no camera sends more. */
    public static final long MAX_PIXELS = 7680L * 4320;

    /** Width x height from the JPEG's header (no pixel decoded), or -1 when the header cannot be read. */
    public static long headerPixels(byte[] data) {
        int[] size = JpegHeader.size(data);
        return size == null ? -1 : (long) size[0] * size[1];
    }

    /** The JPEG start-of-image marker followed by another marker: the cheap check before any decoding. */
    public static boolean startsLikeJpeg(byte[] data) {
        return data.length >= 4 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF;
    }

    private byte[] jpeg(Mat m) {
        try (BytePointer buf = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            if (!imencode(".jpg", m, buf, params)) {
                throw new IllegalStateException("JPEG encoding failed");
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }
}
