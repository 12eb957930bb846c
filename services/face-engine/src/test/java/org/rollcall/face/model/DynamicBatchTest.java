package org.rollcall.face.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollcall.face.detect.Pixels;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.ImageDecoder;
import org.rollcall.face.image.ImageLimits;

/** The real fr_feature model with its batch axis opened, against the model as published. */
class DynamicBatchTest {
    private static final Path FEATURE = ModelFiles.verify(ModelFiles.defaultDirectory()).path(ModelFiles.FEATURE);

    @Test
    void theWireFormatRoundTripsByteForByte() throws Exception {
        byte[] model = Files.readAllBytes(FEATURE);
        assertArrayEquals(model, ProtoMessage.parse(model).toBytes());
    }

    @Test
    void somethingElseIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamicBatch.open("this is not a model".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(true, e.getMessage().startsWith("not a"), e.getMessage());
    }

    @Test
    void aBatchOfThreeAnswersWhatThreeSingleRunsDo() throws Exception {
        List<float[]> faces = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        for (Path p : FixtureSet.samples().subList(0, 3)) {
            try (DecodedImage image = decoder.decode(Files.readAllBytes(p))) {
                faces.add(Pixels.toChw(image.bgr(), 112, 112, true, 127f, 128f));
            }
        }
        float[] stacked = new float[3 * faces.get(0).length];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(faces.get(i), 0, stacked, i * faces.get(i).length, faces.get(i).length);
        }
        try (OnnxModel published = new OnnxModel(FEATURE, 1, 1, ExecutionDevice.CPU);
             OnnxModel opened = new OnnxModel(FEATURE, 1, 1, ExecutionDevice.CPU, true)) {
            assertThrows(RuntimeException.class, () -> published.run(stacked, 3, 3, 112, 112),
                    "the published model takes one face at a time");
            float[] batch = opened.run(stacked, 3, 3, 112, 112)[0];
            assertEquals(3 * 512, batch.length);
            for (int i = 0; i < 3; i++) {
                float[] single = published.run(faces.get(i), 1, 3, 112, 112)[0];
                float worst = 0;
                for (int d = 0; d < 512; d++) {
                    worst = Math.max(worst, Math.abs(single[d] - batch[i * 512 + d]));
                }
                assertEquals(0f, worst, 1e-4f, "face " + i + " differs in the batch");
            }
            float[] alone = opened.run(faces.get(0), 1, 3, 112, 112)[0];
            assertEquals(512, alone.length);
        }
    }
}
