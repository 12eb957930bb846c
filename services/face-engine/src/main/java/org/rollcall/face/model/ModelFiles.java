package org.rollcall.face.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The four ONNX models and their pinned SHA-256 sums. A missing or altered file is a start-up
 * error that names the file and the command that fetches it; nothing is downloaded at run time.
 */
public final class ModelFiles {
    public static final String DETECT = "fr_detect.onnx";
    public static final String LANDMARK = "fr_landmark.onnx";
    public static final String FEATURE = "fr_feature.onnx";
    public static final String LIVENESS = "fr_liveness.onnx";

    static final Map<String, String> SHA256 = Map.of(
            DETECT, "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854",
            LANDMARK, "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258",
            FEATURE, "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581",
            LIVENESS, "afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d");

    private static final String FETCH = "services/face-engine/fetch-models.sh";

    private final Path dir;

    private ModelFiles(Path dir) {
        this.dir = dir;
    }

    /** ROLLCALL_MODEL_DIR, the system property rollcall.model.dir, or ~/.cache/rollcall/models. */
    public static Path defaultDirectory() {
        String prop = System.getProperty("rollcall.model.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("ROLLCALL_MODEL_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "rollcall", "models");
    }

    /** Checks every model file in {@code dir}; throws {@link ModelUnavailableException} if one is missing or altered. */
    public static ModelFiles verify(Path dir) {
        for (var e : SHA256.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                throw new ModelUnavailableException("face model " + f + " is missing; fetch it with " + FETCH);
            }
            String actual = sha256(f);
            if (!actual.equals(e.getValue())) {
                throw new ModelUnavailableException("face model " + f + " has SHA-256 " + actual + ", expected "
                        + e.getValue() + "; fetch a clean copy with " + FETCH);
            }
        }
        return new ModelFiles(dir);
    }

    public Path path(String name) {
        return dir.resolve(name);
    }

    /** Identifies the embedding model in templates, so templates of another model are never compared. */
    public static String featureModelId() {
        return "fr_feature@" + SHA256.get(FEATURE).substring(0, 12);
    }

    static String sha256(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new ModelUnavailableException("cannot read face model " + f + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
