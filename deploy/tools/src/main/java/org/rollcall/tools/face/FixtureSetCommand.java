package org.rollcall.tools.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.image.DecodedImage;

/** {@code face fixture-set OUT}: the fixture photos' faces and augmented copies as an evaluate folder. */
final class FixtureSetCommand {
    private FixtureSetCommand() {
    }

    static void run(EngineConfig config, String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("fixture-set needs an output directory");
        }
        try (FaceEngine engine = new FaceEngine(config)) {
            int n = write(engine, Path.of(args[0]));
            System.out.println("wrote " + n + " identities to " + args[0]);
        }
    }

    /** Writes OUT/&lt;sample&gt;-f&lt;i&gt;/&lt;augmentation&gt;.jpg; returns the number of identities. */
    public static int write(FaceEngine engine, Path out) throws IOException {
        int identities = 0;
        int s = 0;
        for (Path sample : FixtureSet.samples()) {
            s++;
            try (DecodedImage image = engine.decode(Files.readAllBytes(sample))) {
                List<Detection> faces = engine.detect(image);
                for (int i = 0; i < faces.size(); i++) {
                    try (Mat crop = FixtureSet.faceCrop(image, faces, i)) {
                        Path dir = out.resolve("s" + s + "-f" + i);
                        Files.createDirectories(dir);
                        for (Map.Entry<String, byte[]> e : FixtureSet.augmentations(crop).entrySet()) {
                            Files.write(dir.resolve(e.getKey() + ".jpg"), e.getValue());
                        }
                        identities++;
                    }
                }
            }
        }
        return identities;
    }

}
