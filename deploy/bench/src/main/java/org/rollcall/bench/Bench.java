package org.rollcall.bench;

import java.util.Arrays;

/** deploy/rollcall bench attendance|recognition|ingest [options]: load commands against a running stack. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (what) {
            case "attendance" -> AttendanceBench.run(Stack.fromEnvironment(), rest);
            case "recognition" -> RecognitionLoad.run(Stack.fromEnvironment(), rest);
            case "ingest" -> IngestBench.run(Stack.fromEnvironment(), rest);
            case "portal" -> PortalBench.run(rest);
            default -> {
                System.err.println("usage: rollcall bench attendance [--events N] [--export-rows N]\n"
                        + "       rollcall bench recognition [--cameras 4,8,16] [--fps 5] [--seconds 30]\n"
                        + "       rollcall bench ingest [--cameras 1,8,32] [--fps 5] [--seconds 20]\n"
                        + "       rollcall bench portal [--sessions 50] [--pages 5]");
                System.exit(2);
            }
        }
    }
}
