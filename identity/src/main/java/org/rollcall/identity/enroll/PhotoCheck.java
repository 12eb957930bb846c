package org.rollcall.identity.enroll;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.rollcall.identity.account.InvalidInput;

/**
 * An uploaded photo is accepted only if it is small enough, is a JPEG, PNG or WebP by its content
 * (whatever its name), and for JPEG and PNG declares at most {@link #MAX_PIXELS} (read from the
 * header, before decoding: decompression bombs) and decodes in full, subsampled into at most
 * {@link #DECODE_PIXELS} so a check's memory stays small whatever the photo. The JDK reads no WebP, so a
 * WebP is checked here as a complete container only; recognition, which decodes it, applies the
 * same pixel limit from its header and answers a clear refusal for a damaged one.
 */
public final class PhotoCheck {
    static final long MAX_PIXELS = 40_000_000L;
    /** The most pixels the check decodes into (subsampling larger photos): 2 MP, 8 MB of raster. */
    static final long DECODE_PIXELS = 2_000_000L;
    static final String NOT_A_PHOTO = "The file is not a JPEG, PNG or WebP photo.";

    private PhotoCheck() {
    }

    /** RIFF....WEBP: what browsers and phones save, often under a .jpg name. */
    static boolean isWebp(byte[] d) {
        return d.length >= 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F' && d[8] == 'W' && d[9] == 'E'
                && d[10] == 'B' && d[11] == 'P';
    }

    public static void check(byte[] data, int maxBytes) {
        if (data == null || data.length == 0) {
            throw InvalidInput.of("photo", "Choose a photo.");
        }
        if (data.length > maxBytes) {
            throw InvalidInput.of("photo", "The photo is larger than " + maxBytes / (1024 * 1024) + " MB.");
        }
        boolean jpeg = data.length > 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF;
        boolean png = data.length > 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G';
        if (isWebp(data)) {
            long claimed = ((data[4] & 0xFFL) | (data[5] & 0xFFL) << 8 | (data[6] & 0xFFL) << 16 | (data[7] & 0xFFL) << 24) + 8;
            if (data.length < 30 || claimed > data.length) {
                throw InvalidInput.of("photo", "The photo is damaged or incomplete.");
            }
            return;
        }
        if (!jpeg && !png) {
            throw InvalidInput.of("photo", NOT_A_PHOTO);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw InvalidInput.of("photo", NOT_A_PHOTO);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw InvalidInput.of("photo", "The photo has more than 40 megapixels.");
                }
                // every byte is still decoded (a damaged file fails), but into at most DECODE_PIXELS: a small
                // PNG of 40 MP would otherwise need 160 MB of raster to be checked
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) pixels / DECODE_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                if (reader.read(0, param) == null) {
                    throw InvalidInput.of("photo", "The photo could not be read.");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInput i) {
                throw i;
            }
            throw InvalidInput.of("photo", "The photo is damaged or incomplete.");
        }
    }
}
