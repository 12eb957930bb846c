package org.rollcall.bench.cameras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU seconds used by each part of the local stack, from {@code /proc}: a part is the process in
 * its pid file (replicas summed) and every descendant (PostgreSQL's backends, FFmpeg threads are
 * threads already), each counted with the CPU of its reaped children.
 */
final class ProcessCpu {
    static final List<String> PARTS = List.of("frame-ingest", "recognition", "attendance", "identity", "kafka", "postgresql");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux ABI Java runs on

    private final Path home;

    ProcessCpu(Path home) {
        this.home = home;
    }

    /** CPU seconds so far per part, plus "bench" for this process. */
    Map<String, Double> snapshot() throws IOException {
        Map<Long, Long> parents = new java.util.HashMap<>();
        Map<Long, Double> own = new java.util.HashMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String[] f = fields(Files.readString(p.resolve("stat")));
                    long pid = Long.parseLong(name);
                    parents.put(pid, Long.parseLong(f[1]));
                    own.put(pid, cpuSeconds(f, true));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked: its CPU now counts in its parent's reaped children
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String part : PARTS) {
            double sum = 0;
            for (long root : roots(part)) {
                for (long pid : tree(root, parents)) {
                    sum += own.getOrDefault(pid, 0.0);
                }
            }
            out.put(part, sum);
        }
        out.put("bench", own.getOrDefault(ProcessHandle.current().pid(), 0.0));
        return out;
    }

    /**
     * CPU seconds so far per thread kind of one part's processes ("recognition-worker",
     * "kafka-producer-network-thread", "C2 CompilerThread", ...: thread names with their numbers
     * taken out): where a part's CPU goes.
     */
    Map<String, Double> threads(String part) throws IOException {
        Map<String, Double> out = new java.util.TreeMap<>();
        for (long pid : roots(part)) {
            Path tasks = Path.of("/proc", Long.toString(pid), "task");
            if (!Files.isDirectory(tasks)) {
                continue;
            }
            try (var list = Files.list(tasks)) {
                for (Path t : list.toList()) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-#]?\\d+", "").trim();
                        out.merge(name.isEmpty() ? "?" : name, cpuSeconds(fields(stat), false), Double::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended while we looked
                    }
                }
            }
        }
        return out;
    }

    /** The fields of a /proc stat line after the command, which may hold spaces and ends at the last ')'. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** utime + stime, and with {@code reaped} the CPU of waited-for children (cutime + cstime), in seconds. */
    private static double cpuSeconds(String[] f, boolean reaped) {
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (reaped) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks / TICKS_PER_SECOND;
    }

    private List<Long> roots(String part) throws IOException {
        List<Path> files = new ArrayList<>();
        switch (part) {
            case "kafka" -> files.add(home.resolve("run/devstack-kafka.pid"));
            case "postgresql" -> files.add(home.resolve("postgres/postmaster.pid"));
            default -> {
                files.add(home.resolve("run/" + part + ".pid"));
                for (int n = 2; n <= 4; n++) {
                    files.add(home.resolve("run/" + part + "-" + n + ".pid"));
                }
            }
        }
        List<Long> pids = new ArrayList<>();
        for (Path f : files) {
            if (Files.exists(f)) {
                pids.add(Long.parseLong(Files.readAllLines(f).get(0).trim()));
            }
        }
        return pids;
    }

    private static Set<Long> tree(long root, Map<Long, Long> parents) {
        Set<Long> out = new HashSet<>();
        out.add(root);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var e : parents.entrySet()) {
                if (out.contains(e.getValue()) && out.add(e.getKey())) {
                    grew = true;
                }
            }
        }
        return out;
    }
}
