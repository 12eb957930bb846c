package org.rollcall.tools.face;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.gallery.Gallery;

/**
 * calibrate DIR [--fixtures FIXDIR] [--target-fmr R]: the threshold at a stated false match
 * rate. Impostor pairs come from DIR (every pair of different identities) and, with --fixtures,
 * from a fixture-set folder (different people in one photo only); genuine pairs from DIR only,
 * because the fixtures' genuine pairs are augmented copies of one photo. Prints the curve at
 * 0.01 steps and a last line {@code threshold=T target_fmr=R fmr=R fnmr=R impostor_pairs=N genuine_pairs=N}:
 * T is the lowest threshold whose pooled FMR is at most the target.
 */
final class CalibrateCommand {
    static final double DEFAULT_TARGET_FMR = 0.001;
    private static final int FIRST_CENT = 25;
    private static final int LAST_CENT = 60;

    private CalibrateCommand() {
    }

    static void run(EngineConfig config, String[] args) throws Exception {
        Path dir = null;
        Path fixtures = null;
        double target = DEFAULT_TARGET_FMR;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fixtures" -> fixtures = Path.of(value(args, ++i, "--fixtures"));
                case "--target-fmr" -> target = Double.parseDouble(value(args, ++i, "--target-fmr"));
                default -> {
                    if (dir != null) {
                        throw new IllegalArgumentException("calibrate takes one directory, got " + dir + " and " + args[i]);
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null || !(target > 0 && target < 1)) {
            throw new IllegalArgumentException("calibrate needs DIR [--fixtures FIXDIR] [--target-fmr R], 0 < R < 1");
        }
        try (FaceEngine engine = new FaceEngine(config)) {
            EvaluateCommand.Scores labelled = EvaluateCommand.scores(engine, dir, false);
            List<Float> impostor = new ArrayList<>(labelled.impostor());
            int fixtureImpostors = 0;
            if (fixtures != null) {
                List<Float> more = EvaluateCommand.scores(engine, fixtures, true).impostor();
                fixtureImpostors = more.size();
                impostor.addAll(more);
            }
            List<Float> genuine = labelled.genuine();
            System.out.printf("impostor pairs %d (%s %d, fixtures %d), genuine pairs %d (%s), flip=%s%n", impostor.size(),
                    dir.getFileName(), labelled.impostor().size(), fixtureImpostors, genuine.size(), dir.getFileName(),
                    config.flipAugmentation());
            System.out.println("threshold  FMR       FNMR      impostors at or above");
            Float chosen = lowestThreshold(impostor, target);
            for (int c = FIRST_CENT; c <= LAST_CENT; c++) {
                float t = c / 100f;
                long above = impostor.stream().filter(s -> s >= t).count();
                System.out.printf("%-10.2f %-9.5f %-9.4f %d%s%s%n", t, EvaluateCommand.rate(impostor, t, true),
                        EvaluateCommand.rate(genuine, t, false), above,
                        chosen != null && chosen == t ? "   <- lowest at FMR <= " + target : "",
                        Math.abs(t - Gallery.DEFAULT_THRESHOLD) < 1e-6 ? "   <- default" : "");
            }
            if (chosen == null) {
                throw new IllegalArgumentException("no threshold up to 0.60 reaches FMR " + target + " on these pairs");
            }
            float t = chosen;
            System.out.printf("threshold=%.2f target_fmr=%.4f fmr=%.5f fnmr=%.4f impostor_pairs=%d genuine_pairs=%d%n", t, target,
                    EvaluateCommand.rate(impostor, t, true), EvaluateCommand.rate(genuine, t, false), impostor.size(), genuine.size());
        }
    }

    /** The lowest threshold on the 0.01 grid from 0.25 to 0.60 whose FMR is at most the target, or null. */
    static Float lowestThreshold(List<Float> impostor, double target) {
        for (int c = FIRST_CENT; c <= LAST_CENT; c++) {
            float t = c / 100f;
            if (EvaluateCommand.rate(impostor, t, true) <= target) {
                return t;
            }
        }
        return null;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
