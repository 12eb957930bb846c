package org.rollcall.face.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * JPEG, PNG or WebP bytes (judged by content, not by file name) to a BGR image. Checks, in order: size, magic bytes, a complete file (a
 * truncated JPEG would otherwise decode to a half-grey picture), the pixel count from the
 * header (before any pixel is decoded), then a full decode. EXIF orientation is applied;
 * grayscale and RGBA inputs become BGR. Thread-safe.
 */
public final class ImageDecoder {
    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public DecodedImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidImageException("the image is empty");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new InvalidImageException("the image is " + bytes.length / 1024 + " KiB; the limit is "
                    + limits.maxBytes() / 1024 + " KiB");
        }
        Format format = Format.sniff(bytes);
        if (format == null) {
            throw new InvalidImageException("not a JPEG, PNG or WebP image");
        }
        if (!format.complete(bytes)) {
            throw new InvalidImageException("the " + format + " image is truncated or corrupt");
        }
        long pixels = headerPixels(bytes, format);
        if (pixels > limits.maxPixels()) {
            throw new InvalidImageException("the image has " + pixels / 1_000_000 + " megapixels; the limit is "
                    + limits.maxPixels() / 1_000_000);
        }
        Mat decoded;
        try (BytePointer data = new BytePointer(bytes); Mat buf = new Mat(1, bytes.length, CV_8U, data)) {
            // IMREAD_COLOR applies EXIF orientation and turns gray/RGBA into 3-channel BGR
            decoded = imdecode(buf, IMREAD_COLOR);
        }
        if (decoded == null || decoded.empty()) {
            if (decoded != null) {
                decoded.close();
            }
            throw new InvalidImageException("the " + format + " image is corrupt and cannot be decoded");
        }
        if (decoded.cols() < 16 || decoded.rows() < 16) {
            decoded.close();
            throw new InvalidImageException("the image is too small (" + decoded.cols() + "x" + decoded.rows() + ")");
        }
        return new DecodedImage(decoded);
    }

    private static long headerPixels(byte[] bytes, Format format) {
        if (format == Format.WEBP) {
            return WebpHeader.pixels(bytes);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidImageException("the " + format + " image header cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidImageException i) {
                throw i;
            }
            throw new InvalidImageException("the " + format + " image header is corrupt");
        }
    }

    enum Format {
        JPEG, PNG, WEBP;

        static Format sniff(byte[] b) {
            if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
                return JPEG;
            }
            if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                    && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
                return PNG;
            }
            if (b.length >= 16 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                    && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
                return WEBP;
            }
            return null;
        }

        /** JPEG ends with the EOI marker (trailing padding allowed); PNG with its IEND chunk. */
        boolean complete(byte[] b) {
            int end = b.length;
            if (this == WEBP) {
                // the RIFF header says how long the file is
                return WebpHeader.riffLength(b) <= end;
            }
            if (this == JPEG) {
                // cameras sometimes pad after EOI; look for it in the last 1 KiB
                for (int i = end - 2; i >= Math.max(2, end - 1024); i--) {
                    if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD9) {
                        return true;
                    }
                }
                return false;
            }
            for (int i = end - 8; i >= Math.max(8, end - 64); i--) {
                if (b[i] == 'I' && b[i + 1] == 'E' && b[i + 2] == 'N' && b[i + 3] == 'D') {
                    return true;
                }
            }
            return false;
        }
    }
}
