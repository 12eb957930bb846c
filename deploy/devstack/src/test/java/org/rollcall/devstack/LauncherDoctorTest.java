package org.rollcall.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `deploy/rollcall doctor` and `up`'s check before it starts anything: a port another program holds
 * is one clear line, and `up` starts nothing.
 */
class LauncherDoctorTest {
    static final Path LAUNCHER = Path.of("..", "rollcall").toAbsolutePath().normalize();
    static final int ATTENDANCE_PORT = 8083;

    @TempDir
    Path home;

    private Result run(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), command).redirectErrorStream(true);
        pb.environment().put("ROLLCALL_HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
        return new Result(p.exitValue(), out);
    }

    record Result(int exit, String output) {
    }

    @Test
    void aPortHeldByAnotherProgramIsOneLineAndUpStartsNothing() throws Exception {
        // if something else already holds the port, the doctor must report it all the same
        ServerSocket held = null;
        try {
            held = new ServerSocket(ATTENDANCE_PORT, 5, InetAddress.getLoopbackAddress());
        } catch (IOException taken) {
            // held by another program already: the same finding
        }
        try {
            Result doctor = run("doctor");
            assertEquals(1, doctor.exit(), doctor.output());
            List<String> lines = doctor.output().lines().filter(l -> l.contains(":" + ATTENDANCE_PORT) || l.contains(" " + ATTENDANCE_PORT + " "))
                    .toList();
            assertEquals(1, lines.size(), doctor.output());
            assertTrue(lines.get(0).startsWith("doctor: port 8083 (attendance): another program listens there"), lines.get(0));

            Result up = run("up");
            assertEquals(1, up.exit(), up.output());
            assertTrue(up.output().contains("doctor: port 8083 (attendance)"), up.output());
            assertTrue(!Files.exists(home.resolve("run")), "up started something: " + up.output());
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }

    @Test
    void helpListsEveryCommandAndExitsZero() throws Exception {
        Result help = run("help");
        assertEquals(0, help.exit());
        for (String command : List.of("doctor", "up", "down", "status", "topics", "chaos", "site", "logs", "test", "face", "bench",
                "import-known-faces", "help")) {
            assertTrue(help.output().contains("deploy/rollcall " + command), command + " missing from help");
        }
        assertTrue(help.output().lines().noneMatch(l -> l.contains("set -euo") || l.contains("ROOT=")), "source lines in help");
        Result unknown = run("frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.output().startsWith("rollcall: unknown command \"frobnicate\""), unknown.output());
    }
}
