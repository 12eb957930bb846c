package org.rollcall.tools.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.image.InvalidImageException;

/**
 * evaluate DIR: every pair of images of DIR/&lt;identity&gt;/&lt;image&gt; is scored; prints the
 * FMR/FNMR table and one summary line whose accuracy, fmr and fnmr are at the product's default
 * threshold (not at the best threshold for this data).
 */
final class EvaluateCommand {
    /** Every 0.05 from 0.30 to 0.60, and the default. */
    static final float[] THRESHOLDS = {0.30f, 0.35f, 0.40f, Gallery.DEFAULT_THRESHOLD, 0.45f, 0.50f, 0.55f, 0.60f};

    static final int MISSES_SHOWN = 10;

    private EvaluateCommand() {
    }

    record Sample(String identity, Path file, float[] embedding) {
    }

    record Result(double auc, double accuracy, double fmr, double fnmr, long pairs, int noFace) {
    }

    static void run(EngineConfig config, String[] args) throws Exception {
        boolean samePhoto = args.length == 2 && args[1].equals("--impostors-within-photo");
        if (args.length != 1 && !samePhoto) {
            throw new IllegalArgumentException("evaluate needs one directory (option: --impostors-within-photo)");
        }
        try (FaceEngine engine = new FaceEngine(config)) {
            Result r = evaluate(engine, Path.of(args[0]), true, samePhoto);
            System.out.printf("auc=%.4f accuracy=%.4f threshold=%.2f fmr=%.4f fnmr=%.4f pairs=%d no_face=%d%n",
                    r.auc(), r.accuracy(), Gallery.DEFAULT_THRESHOLD, r.fmr(), r.fnmr(), r.pairs(), r.noFace());
        }
    }

    /**
     * @param impostorsWithinPhoto count impostor pairs only between identities whose folder names
     *     share the prefix before '-' (fixture-set's photo): the fixture photos are a series in
     *     which the same people may appear in several photos, so cross-photo pairs are unlabelled
     */
    static Result evaluate(FaceEngine engine, Path dir, boolean printTable, boolean impostorsWithinPhoto) throws IOException {
        Scores sc = scores(engine, dir, impostorsWithinPhoto);
        List<Float> genuine = sc.genuine();
        List<Float> impostor = sc.impostor();
        if (printTable) {
            System.out.printf("images=%d identities=%d genuine_pairs=%d impostor_pairs=%d no_face=%d%n",
                    sc.images(), sc.identities(), genuine.size(), impostor.size(), sc.noFace());
            System.out.println("threshold   FMR       FNMR      accuracy");
            for (float t : THRESHOLDS) {
                double fmr = rate(impostor, t, true);
                double fnmr = rate(genuine, t, false);
                System.out.printf("%-10.2f  %-8.4f  %-8.4f  %.4f%s%n", t, fmr, fnmr,
                        accuracy(genuine, impostor, t), t == Gallery.DEFAULT_THRESHOLD ? "   <- default" : "");
            }
            System.out.printf("genuine  min=%.3f median=%.3f | impostor max=%.3f median=%.3f%n",
                    min(genuine), median(genuine), max(impostor), median(impostor));
            // the weakest genuine pairs name the images worth looking at
            sc.misses().stream().sorted().limit(MISSES_SHOWN).forEach(m -> System.out.println("missed " + m));
            // the strongest impostor pairs: different people the default threshold would call the same
            sc.confusions().stream().sorted(java.util.Comparator.reverseOrder()).limit(MISSES_SHOWN)
                    .forEach(c -> System.out.println("confused " + c));
            sc.problems().forEach(System.out::println);
        }
        float t = Gallery.DEFAULT_THRESHOLD;
        return new Result(auc(genuine, impostor), accuracy(genuine, impostor, t), rate(impostor, t, true),
                rate(genuine, t, false), genuine.size() + impostor.size(), sc.noFace());
    }

    /** Every pair's similarity, with what is worth a look (weak genuine pairs, strong impostors, unusable photos). */
    record Scores(List<Float> genuine, List<Float> impostor, List<String> misses, List<String> confusions,
                  List<String> problems, int images, int identities, int noFace) {
    }

    static Scores scores(FaceEngine engine, Path dir, boolean impostorsWithinPhoto) throws IOException {
        List<Sample> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int noFace = 0;
        List<Path> identities = PhotoFolders.identities(dir);
        for (Path id : identities) {
            for (Path img : PhotoFolders.photos(id)) {
                try {
                    var analysis = engine.analyze(Files.readAllBytes(img), new FaceEngine.Options(true, false));
                    var face = analysis.primary();
                    if (face.isPresent()) {
                        samples.add(new Sample(id.getFileName().toString(), img, face.get().embedding()));
                        if (analysis.faces().size() > 1) {
                            // scored by its primary face; worth a look when a pair misses
                            problems.add("several faces (" + analysis.faces().size() + ") " + dir.relativize(img));
                        }
                    } else {
                        noFace++;
                        problems.add("no face " + dir.relativize(img));
                    }
                } catch (InvalidImageException e) {
                    noFace++;
                    problems.add("unreadable " + dir.relativize(img) + ": " + e.getMessage());
                }
            }
        }
        List<Float> genuine = new ArrayList<>();
        List<Float> impostor = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        List<String> confusions = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                String a = samples.get(i).identity();
                String b = samples.get(j).identity();
                float s = Embedder.cosine(samples.get(i).embedding(), samples.get(j).embedding());
                String pair = String.format("%.3f %s %s", s, dir.relativize(samples.get(i).file()), dir.relativize(samples.get(j).file()));
                if (a.equals(b)) {
                    genuine.add(s);
                    if (s < Gallery.DEFAULT_THRESHOLD) {
                        misses.add(pair);
                    }
                } else if (!impostorsWithinPhoto || prefix(a).equals(prefix(b))) {
                    impostor.add(s);
                    if (s >= Gallery.DEFAULT_THRESHOLD) {
                        confusions.add(pair);
                    }
                }
            }
        }
        return new Scores(genuine, impostor, misses, confusions, problems, samples.size(), identities.size(), noFace);
    }

    private static String prefix(String identity) {
        int dash = identity.indexOf('-');
        return dash < 0 ? identity : identity.substring(0, dash);
    }

    /** FMR: impostor pairs at or above t. FNMR: genuine pairs below t. */
    static double rate(List<Float> scores, float t, boolean aboveIsError) {
        if (scores.isEmpty()) {
            return 0;
        }
        long errors = scores.stream().filter(s -> aboveIsError ? s >= t : s < t).count();
        return (double) errors / scores.size();
    }

    static double accuracy(List<Float> genuine, List<Float> impostor, float t) {
        long correct = genuine.stream().filter(s -> s >= t).count() + impostor.stream().filter(s -> s < t).count();
        long all = genuine.size() + impostor.size();
        return all == 0 ? 0 : (double) correct / all;
    }

    /** Probability that a genuine pair scores above an impostor pair (ties count half). */
    static double auc(List<Float> genuine, List<Float> impostor) {
        if (genuine.isEmpty() || impostor.isEmpty()) {
            return 0;
        }
        double wins = 0;
        for (float g : genuine) {
            for (float i : impostor) {
                wins += g > i ? 1 : (g == i ? 0.5 : 0);
            }
        }
        return wins / ((double) genuine.size() * impostor.size());
    }

    static double median(List<Float> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Float> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    static double min(List<Float> v) {
        return v.stream().mapToDouble(Float::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Float> v) {
        return v.stream().mapToDouble(Float::doubleValue).max().orElse(Double.NaN);
    }
}
