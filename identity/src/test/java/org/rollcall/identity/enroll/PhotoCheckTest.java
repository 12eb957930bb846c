package org.rollcall.identity.enroll;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.rollcall.identity.account.InvalidInput;

/**
 * Finding (medium, issue 16): "a ~50 KB PNG decodes to 120-160 MB within the 40 MP limit; a few
 * parallel uploads exhaust identity". The check now decodes every byte into a subsampled raster.
 */
class PhotoCheckTest {
    static byte[] png(int width, int height) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static long allocatedBy(Runnable r) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        r.run();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    @Test
    void aSmallPngOfManyPixelsIsCheckedInBoundedMemory() throws Exception {
        byte[] bomb = png(6000, 6000);
        assertTrue(bomb.length < 1_000_000, "a small file: " + bomb.length);
        PhotoCheck.check(bomb, 10 << 20); // warm the reader classes up
        long bytes = allocatedBy(() -> PhotoCheck.check(bomb, 10 << 20));
        // 36 MP as INT_RGB would be 144 MB; the subsampled raster is at most 2 MP (8 MB) plus the inflater's buffers
        assertTrue(bytes < 40L << 20, "allocated " + (bytes >> 20) + " MB to check a " + (bomb.length >> 10) + " KB PNG");
    }

    @Test
    void aPngOverTheLimitIsRefusedFromItsHeaderAndADamagedOneStillFails() throws Exception {
        byte[] huge = png(7000, 6000);
        assertThrows(InvalidInput.class, () -> PhotoCheck.check(huge, 10 << 20));
        byte[] ok = png(3000, 2000);
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length / 2);
        assertThrows(InvalidInput.class, () -> PhotoCheck.check(cut, 10 << 20));
    }
}
