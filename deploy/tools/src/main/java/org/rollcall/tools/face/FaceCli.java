package org.rollcall.tools.face;

import java.nio.file.Path;
import java.util.Arrays;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.image.InvalidImageException;
import org.rollcall.face.model.ModelUnavailableException;

/**
 * {@code deploy/rollcall face detect|compare|evaluate|fixture-set|bench ...}. Exit code 0 on
 * success, 1 on bad input, 2 on usage errors.
 */
public final class FaceCli {
    private FaceCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        EngineConfig config = EngineConfig.defaults();
        if (Boolean.getBoolean("rollcall.liveness.rgb")) {
            config = config.withLivenessRgb(true);
        }
        if (System.getProperty("rollcall.flip") != null) {
            config = config.withFlipAugmentation(Boolean.getBoolean("rollcall.flip"));
        }
        try {
            switch (args[0]) {
                case "detect" -> DetectCommand.run(config, rest);
                case "compare" -> CompareCommand.run(config, rest);
                case "evaluate" -> EvaluateCommand.run(config, rest);
                case "identify" -> IdentifyCommand.run(config, rest);
                case "calibrate" -> CalibrateCommand.run(config, rest);
                case "liveness" -> LivenessCommand.run(config, rest);
                case "fixture-set" -> FixtureSetCommand.run(config, rest);
                case "bench" -> BenchCommand.run(config, rest);
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (ModelUnavailableException | InvalidImageException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static Path path(String s) {
        return Path.of(s);
    }

    private static void usage() {
        System.err.println("""
                usage: rollcall face COMMAND
                  detect IMAGE...          faces as JSON: box, score, landmarks, liveness, quality
                  compare A B              similarity and same/different at the default threshold
                  evaluate DIR [--impostors-within-photo]  DIR/<identity>/<image>: FMR/FNMR table and a summary line
                  identify DIR [--enroll K]  open-set identification: odd folders are strangers, even ones enroll K photos
                  liveness DIR             DIR/live and DIR/spoof: APCER and BPCER at the default live threshold and a curve
                  calibrate DIR [--fixtures FIXDIR] [--target-fmr R]  the lowest threshold whose FMR is at most R (0.001)
                  fixture-set OUT          writes the test photos' faces and augmented copies as an evaluate DIR
                  bench [--quick] [--device cpu|cuda[:N]]  per-stage timings, frames/s, gallery search at 10k/100k/1M
                options: -Drollcall.flip=false (no flip augmentation), -Drollcall.liveness.rgb=true""");
    }
}
