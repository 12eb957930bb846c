package org.rollcall.tools.face;

import java.nio.file.Files;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.gallery.Gallery;

/** compare A B: the primary faces' cosine similarity and the decision at the default threshold. */
final class CompareCommand {
    private CompareCommand() {
    }

    static void run(EngineConfig config, String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("compare needs exactly two images");
        }
        try (FaceEngine engine = new FaceEngine(config)) {
            Face a = primary(engine, args[0]);
            Face b = primary(engine, args[1]);
            float s = Embedder.cosine(a.embedding(), b.embedding());
            boolean same = s >= Gallery.DEFAULT_THRESHOLD;
            System.out.printf("similarity=%.4f threshold=%.2f decision=%s%n", s, Gallery.DEFAULT_THRESHOLD,
                    same ? "same" : "different");
        }
    }

    private static Face primary(FaceEngine engine, String image) throws Exception {
        return engine.analyze(Files.readAllBytes(FaceCli.path(image)), new FaceEngine.Options(true, false))
                .primary().orElseThrow(() -> new IllegalArgumentException("no face found in " + image));
    }
}
