package org.rollcall.tools.face;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.Face;
import org.rollcall.face.FaceAnalysis;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.enroll.EnrollmentRefusal;
import org.rollcall.face.enroll.EnrollmentRules;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.gallery.Match;
import org.rollcall.face.image.InvalidImageException;

/**
 * {@code face identify DIR [--enroll K]}: open-set identification the way the product answers.
 * Identities are DIR's folders sorted by name; every second one (odd index, 0-based) is a stranger
 * and is never enrolled; each other identity enrolls its first K photos (sorted by file name)
 * through the portal's enrollment rules, a refused photo being reported and the next one used;
 * every remaining photo is a probe, answered by the primary face, the gallery (templates and
 * centroids) and the default threshold. The last line is a contract:
 * {@code tpir=R fpir=R wrong_name=R probes=N strangers=N enrolled=N refused=N no_face=N}.
 */
final class IdentifyCommand {
    private IdentifyCommand() {
    }

    /** Counts of one run; rates are derived from them. */
    record Result(int enrolledProbes, int namedCorrectly, int namedWrongly, int strangerProbes, int strangersNamed,
            int strangers, int enrolled, int refused, int noFace) {

        double tpir() {
            return enrolledProbes == 0 ? 0 : (double) namedCorrectly / enrolledProbes;
        }

        double fpir() {
            return strangerProbes == 0 ? 0 : (double) strangersNamed / strangerProbes;
        }

        double wrongName() {
            return enrolledProbes == 0 ? 0 : (double) namedWrongly / enrolledProbes;
        }

        int probes() {
            return enrolledProbes + strangerProbes;
        }

        String line() {
            return String.format(Locale.ROOT, "tpir=%.4f fpir=%.4f wrong_name=%.4f probes=%d strangers=%d enrolled=%d refused=%d no_face=%d",
                    tpir(), fpir(), wrongName(), probes(), strangers, enrolled, refused, noFace);
        }
    }

    static void run(EngineConfig config, String[] args) throws IOException {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--enroll"))) {
            throw new IllegalArgumentException("identify needs a directory (option: --enroll K)");
        }
        int k = args.length == 3 ? Integer.parseInt(args[2]) : 2;
        if (k < 1) {
            throw new IllegalArgumentException("--enroll needs at least 1 photo");
        }
        try (FaceEngine engine = new FaceEngine(config)) {
            Result r = identify(engine, Path.of(args[0]), k, EnrollmentRules.DEFAULT, Gallery.DEFAULT_THRESHOLD, System.out);
            System.out.println(r.line());
        }
    }

    static Result identify(FaceEngine engine, Path dir, int k, EnrollmentRules rules, float threshold, PrintStream out)
            throws IOException {
        List<Path> identities = PhotoFolders.identities(dir);
        if (identities.isEmpty()) {
            throw new IllegalArgumentException(dir + " has no identity folders");
        }
        Gallery gallery = new Gallery(Embedder.DIMENSIONS, threshold);
        Tally t = new Tally();
        out.printf(Locale.ROOT, "threshold %.2f, enroll %d photo(s) per enrolled identity%n", threshold, k);
        out.println("identity                         role      templates  probes  named  wrong  no_face");
        // enrollment first: a stranger's probe must meet the whole gallery
        int[] templates = new int[identities.size()];
        int[] firstProbe = new int[identities.size()];
        for (int i = 0; i < identities.size(); i += 2) {
            List<Path> photos = PhotoFolders.photos(identities.get(i));
            int used = 0;
            while (used < photos.size() && templates[i] < k) {
                Path p = photos.get(used++);
                try {
                    Face f = rules.check(engine.analyze(Files.readAllBytes(p)));
                    gallery.add(identities.get(i).getFileName().toString(), p.getFileName().toString(), f.embedding());
                    templates[i]++;
                } catch (EnrollmentRefusal | InvalidImageException e) {
                    t.refused++;
                    out.println("  refused " + dir.relativize(p) + ": " + e.getMessage());
                }
            }
            firstProbe[i] = used;
            if (templates[i] > 0) {
                t.enrolled++;
            }
        }
        for (int i = 0; i < identities.size(); i++) {
            boolean stranger = i % 2 == 1;
            String name = identities.get(i).getFileName().toString();
            List<Path> photos = PhotoFolders.photos(identities.get(i));
            int probes = 0;
            int named = 0;
            int wrong = 0;
            int noFace = 0;
            for (Path p : photos.subList(stranger ? 0 : firstProbe[i], photos.size())) {
                probes++;
                String who = null;
                try {
                    FaceAnalysis a = engine.analyze(Files.readAllBytes(p));
                    Face f = a.primary().orElse(null);
                    if (f == null) {
                        noFace++;
                        out.println("  no face in " + dir.relativize(p));
                    } else {
                        Match m = gallery.match(f.embedding(), 3);
                        who = m.personId();
                    }
                } catch (InvalidImageException e) {
                    noFace++;
                    out.println("  unreadable " + dir.relativize(p) + ": " + e.getMessage());
                }
                if (who != null && who.equals(name)) {
                    named++;
                } else if (who != null) {
                    wrong++;
                    out.println("  " + dir.relativize(p) + " named as " + who);
                }
            }
            if (stranger) {
                t.strangerProbes += probes;
                t.strangersNamed += wrong;
                t.strangers++;
            } else {
                t.enrolledProbes += probes;
                t.namedCorrectly += named;
                t.namedWrongly += wrong;
            }
            t.noFace += noFace;
            out.printf(Locale.ROOT, "%-32s %-9s %9d %7d %6d %6d %8d%n", name, stranger ? "stranger" : "enrolled", templates[i],
                    probes, named, wrong, noFace);
        }
        return new Result(t.enrolledProbes, t.namedCorrectly, t.namedWrongly, t.strangerProbes, t.strangersNamed, t.strangers,
                t.enrolled, t.refused, t.noFace);
    }

    /** The counts while a run goes on. */
    private static final class Tally {
        int enrolledProbes;
        int namedCorrectly;
        int namedWrongly;
        int strangerProbes;
        int strangersNamed;
        int strangers;
        int enrolled;
        int refused;
        int noFace;
    }
}
