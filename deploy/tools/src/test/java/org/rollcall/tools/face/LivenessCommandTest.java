package org.rollcall.tools.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.fixtures.FixtureSet;

/** {@code face liveness}: what it reads from a folder, and the two error rates. */
class LivenessCommandTest {
    @Test
    void ratesFollowIso30107() {
        List<Float> spoof = List.of(0.1f, 0.5f, 0.9f, 0.2f);
        List<Float> live = List.of(0.99f, 0.3f, 0.7f);
        assertEquals(0.5, LivenessCommand.apcer(spoof, 0.5f), 1e-9, "0.5 and 0.9 pass as live; a score at the threshold passes");
        assertEquals(1.0 / 3, LivenessCommand.bpcer(live, 0.5f), 1e-9);
        assertEquals("-", LivenessCommand.rate(LivenessCommand.apcer(List.of(), 0.5f)), "no spoof photos: no rate, not 0");
        assertEquals("0.2500", LivenessCommand.rate(0.25));
    }

    @Test
    void everyPhotoUnderLiveAndSpoofIsScoredAndNotesAreNot(@TempDir Path dir) throws Exception {
        List<Path> photos = FixtureSet.samples();
        Files.createDirectories(dir.resolve("live"));
        Files.createDirectories(dir.resolve("spoof/phone-screen"));
        Files.copy(photos.get(0), dir.resolve("live/a.jpg"));
        Files.copy(photos.get(1), dir.resolve("live/b.jpg"));
        Files.copy(photos.get(2), dir.resolve("spoof/phone-screen/c.jpg"));
        Files.writeString(dir.resolve("live/SOURCES.md"), "where these photos come from");
        Files.writeString(dir.resolve("spoof/broken.jpg"), "not an image");
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1))) {
            LivenessCommand.Scores s = LivenessCommand.score(engine, dir);
            assertEquals(2, s.live().size());
            assertEquals(1, s.spoof().size(), "sub-folders count");
            assertEquals(1, s.noFace().size(), "the unreadable file is listed: " + s.noFace());
            assertTrue(s.noFace().get(0).startsWith("spoof/broken.jpg"), s.noFace().get(0));
            float expected = engine.analyze(Files.readAllBytes(photos.get(0))).primary().orElseThrow().liveness();
            assertEquals(expected, s.live().get(0), 1e-6, "the primary face's score, as enrollment reads it");
        }
    }
}
