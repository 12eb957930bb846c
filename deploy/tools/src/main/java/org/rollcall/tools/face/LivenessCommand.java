package org.rollcall.tools.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.image.InvalidImageException;

/**
 * liveness DIR: every image under DIR/live and DIR/spoof (sub-folders included) scored by the
 * liveness model on its primary face, as enrollment and attendance score it. Prints the error
 * rates at thresholds 0.1-0.9 and a last line
 * {@code apcer=R bpcer=R threshold=0.50 live=N spoof=N no_face=N}: APCER = spoof photos taken for
 * live / spoof photos, BPCER = live photos taken for spoofs / live photos (ISO/IEC 30107-3), at the
 * product's default live threshold; a rate over no photos prints as "-".
 */
final class LivenessCommand {
    /** The product's default: enrollment's min-liveness and attendance's liveness-threshold. */
    static final float DEFAULT_THRESHOLD = 0.5f;

    private LivenessCommand() {
    }

    /** Scores and what could not be scored. */
    record Scores(List<Float> live, List<Float> spoof, List<String> noFace) {
    }

    static void run(EngineConfig config, String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("liveness needs one directory with live/ and spoof/ inside");
        }
        Path dir = Path.of(args[0]);
        if (!Files.isDirectory(dir.resolve("live")) && !Files.isDirectory(dir.resolve("spoof"))) {
            throw new IllegalArgumentException(dir + " has neither live/ nor spoof/");
        }
        try (FaceEngine engine = new FaceEngine(config)) {
            Scores s = score(engine, dir);
            System.out.printf("live photos %d, spoof photos %d, without a face %d%n", s.live().size(), s.spoof().size(), s.noFace().size());
            System.out.println("threshold  APCER     BPCER");
            for (int c = 1; c <= 9; c++) {
                float t = c / 10f;
                System.out.printf("%-10.1f %-9s %s%s%n", t, rate(apcer(s.spoof(), t)), rate(bpcer(s.live(), t)),
                        Math.abs(t - DEFAULT_THRESHOLD) < 1e-6 ? "   <- default" : "");
            }
            s.noFace().forEach(f -> System.out.println("no face " + f));
            System.out.printf("apcer=%s bpcer=%s threshold=%.2f live=%d spoof=%d no_face=%d%n", rate(apcer(s.spoof(), DEFAULT_THRESHOLD)),
                    rate(bpcer(s.live(), DEFAULT_THRESHOLD)), DEFAULT_THRESHOLD, s.live().size(), s.spoof().size(), s.noFace().size());
        }
    }

    static Scores score(FaceEngine engine, Path dir) throws IOException {
        List<Float> live = new ArrayList<>();
        List<Float> spoof = new ArrayList<>();
        List<String> noFace = new ArrayList<>();
        for (String kind : List.of("live", "spoof")) {
            Path folder = dir.resolve(kind);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            for (Path img : PhotoFolders.photosUnder(folder)) {
                try {
                    var face = engine.analyze(Files.readAllBytes(img), new FaceEngine.Options(false, true)).primary();
                    if (face.isPresent()) {
                        (kind.equals("live") ? live : spoof).add(face.get().liveness());
                    } else {
                        noFace.add(dir.relativize(img).toString());
                    }
                } catch (InvalidImageException e) {
                    noFace.add(dir.relativize(img) + " (" + e.getMessage() + ")");
                }
            }
        }
        return new Scores(live, spoof, noFace);
    }

    /** Spoofs accepted: scored live at or above the threshold. NaN without spoofs. */
    static double apcer(List<Float> spoof, float t) {
        return spoof.isEmpty() ? Double.NaN : (double) spoof.stream().filter(s -> s >= t).count() / spoof.size();
    }

    /** Live faces refused: scored below the threshold. NaN without live photos. */
    static double bpcer(List<Float> live, float t) {
        return live.isEmpty() ? Double.NaN : (double) live.stream().filter(s -> s < t).count() / live.size();
    }

    static String rate(double r) {
        return Double.isNaN(r) ? "-" : String.format("%.4f", r);
    }
}
