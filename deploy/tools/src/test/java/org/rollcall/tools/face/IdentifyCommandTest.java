package org.rollcall.tools.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.enroll.EnrollmentRules;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.image.DecodedImage;

/** {@code face identify} on a folder made from a real group photo (five people, six images each). */
class IdentifyCommandTest {
    static final Pattern LAST_LINE = Pattern.compile(
            "tpir=(\\d\\.\\d{4}) fpir=(\\d\\.\\d{4}) wrong_name=(\\d\\.\\d{4}) probes=(\\d+) strangers=(\\d+) enrolled=(\\d+) refused=(\\d+) no_face=(\\d+)");

    @Test
    void strangersAreTheOddFoldersAndEveryRemainingPhotoIsAProbe(@TempDir Path dir) throws Exception {
        int images = 0;
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(2))) {
            try (DecodedImage img = engine.decode(Files.readAllBytes(FixtureSet.samples().get(4)))) {
                List<Detection> faces = engine.detect(img);
                for (int i = 0; i < faces.size(); i++) {
                    Path person = Files.createDirectories(dir.resolve("person-" + i));
                    try (Mat crop = FixtureSet.faceCrop(img, faces, i)) {
                        for (Map.Entry<String, byte[]> e : FixtureSet.augmentations(crop).entrySet()) {
                            Files.write(person.resolve(e.getKey() + ".jpg"), e.getValue());
                            images++;
                        }
                    }
                }
            }
            Files.writeString(dir.resolve("README.md"), "not an identity");
            ByteArrayOutputStream table = new ByteArrayOutputStream();
            IdentifyCommand.Result r = IdentifyCommand.identify(engine, dir, 2, EnrollmentRules.DEFAULT, Gallery.DEFAULT_THRESHOLD,
                    new PrintStream(table, true, StandardCharsets.UTF_8));
            Matcher m = LAST_LINE.matcher(r.line());
            assertTrue(m.matches(), r.line());
            assertEquals(2, r.strangers(), "folders 1 and 3 of 0..4 are strangers");
            assertEquals(12, r.strangerProbes(), "every photo of a stranger is a probe");
            // the three enrolled folders: each photo was either tried for enrollment or is a probe
            int enrollmentTries = r.refused() + 2 * r.enrolled();
            assertEquals(images - 12, r.enrolledProbes() + enrollmentTries, "photos of enrolled folders");
            assertEquals(3, r.enrolled(), "each enrolled folder has two usable portraits: " + table);
            assertEquals(0.0, r.fpir(), "a stranger was named: " + table);
            assertEquals(0.0, r.wrongName(), "someone was named as another: " + table);
            assertTrue(r.tpir() > 0.5, "enrolled people's copies were named: " + table);
            assertEquals(0, r.noFace());
            // the table's rows add up to the last line
            String printed = table.toString(StandardCharsets.UTF_8);
            int probes = 0;
            int named = 0;
            int strangerRows = 0;
            for (String row : printed.lines().filter(l -> l.startsWith("person-")).toList()) {
                String[] f = row.trim().split("\\s+");
                probes += Integer.parseInt(f[3]);
                named += Integer.parseInt(f[4]);
                strangerRows += f[1].equals("stranger") ? 1 : 0;
            }
            assertEquals(r.probes(), probes, printed);
            assertEquals(r.namedCorrectly(), named, printed);
            assertEquals(2, strangerRows, printed);
        }
    }

    @Test
    void rejectsAnEmptyFolderAndBadOptions(@TempDir Path dir) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IdentifyCommand.run(EngineConfig.defaults(), new String[] {dir.toString(), "--enroll"}));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IdentifyCommand.run(EngineConfig.defaults(), new String[] {dir.toString(), "--enroll", "0"}));
    }
}
