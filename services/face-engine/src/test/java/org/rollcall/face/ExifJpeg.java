package org.rollcall.face;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Builds a JPEG stored rotated 90 degrees counter-clockwise with EXIF orientation 6, as phones do. */
final class ExifJpeg {
    private ExifJpeg() {
    }

    static byte[] storedSidewaysWithOrientation6(BufferedImage upright) throws IOException {
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        rgb.getGraphics().drawImage(upright, 0, 0, null);
        // stored = upright rotated 90 degrees counter-clockwise; orientation 6 says "rotate CW to view"
        AffineTransform t = new AffineTransform();
        t.translate(0, w);
        t.rotate(-Math.PI / 2);
        BufferedImage stored = new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR)
                .filter(rgb, new BufferedImage(h, w, BufferedImage.TYPE_3BYTE_BGR));
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(stored, "jpg", jpeg);
        byte[] plain = jpeg.toByteArray();
        // insert an APP1 Exif segment with one IFD entry: Orientation (0x0112) = 6
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8,
            0, 1,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
            0, 0, 0, 0
        };
        byte[] header = {'E', 'x', 'i', 'f', 0, 0};
        int len = 2 + header.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xff);
        out.write(header);
        out.write(tiff);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }
}
