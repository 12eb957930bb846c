package org.rollcall.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} program that ships inside JavaCPP's FFmpeg artifact (the same build the
 * services link against), so tests, benches and the end-to-end scenario need no Debian ffmpeg.
 */
public final class Ffmpeg {
    private Ffmpeg() {
    }

    /** Path of the executable, extracted once into JavaCPP's cache. */
    public static String executable() {
        return Located.PATH;
    }

    /**
     * {@code ffmpeg ARGS...}, ready to start. The program finds its libraries (libavcodec, libva,
     * ...) beside it in JavaCPP's cache, which is not on the loader's default path.
     */
    public static ProcessBuilder process(String... args) {
        List<String> cmd = new ArrayList<>(args.length + 1);
        cmd.add(executable());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String dir = Path.of(executable()).getParent().toString();
        String old = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", old == null || old.isEmpty() ? dir : dir + ":" + old);
        return pb;
    }

    /** Prints the executable's path: what {@link #executable()} asks a plain JVM for. */
    public static void main(String[] args) {
        System.out.println(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }

    private static final class Located {
        static final String PATH = locate();

        /**
         * JavaCPP extracts the program with its libraries when its class is loaded. That is done in a
         * plain JVM on this classpath: a Quarkus test's class loader keeps FFmpeg's JNI libraries to
         * the application, and loading them a second time there fails.
         */
        private static String locate() {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            try {
                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Ffmpeg.class.getName())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isExecutable(Path.of(out))) {
                    throw new IllegalStateException("JavaCPP's ffmpeg could not be located (got '" + out + "')");
                }
                return out;
            } catch (IOException e) {
                throw new IllegalStateException("JavaCPP's ffmpeg could not be located", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while locating ffmpeg", e);
            }
        }
    }
}
