package org.rollcall.testkit;

import java.util.ArrayList;
import java.util.List;
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
        return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }

    /** {@code ffmpeg ARGS...} as a command line. */
    public static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(args.length + 1);
        cmd.add(executable());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
