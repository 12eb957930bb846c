package org.rollcall.bench.cameras;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rollcall.bench.Stack;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.Claims;
import org.rollcall.events.EventCodec;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.Topics;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;

/**
 * {@code deploy/rollcall bench system}: the whole stack on this machine driven the way cameras
 * drive it. Per row, N MJPEG cameras (served here, read by frame-ingest as HTTP cameras: its real
 * path, decoding and all) at F fps, each showing {@code --faces} people who walk across the
 * picture, turn a little, and come and go ({@link Lanes}, {@link LaneScenes}); six of the eight
 * people are enrolled, two are strangers. Each row is a new organization. After a warm-up on the
 * same work, a measured window: frames offered (sent by the cameras) and processed (analysed by
 * recognition, from its counters), stale skips, capture-to-identity-event and
 * capture-to-attendance-event latencies as an integrator reading the topics sees them, CPU per
 * part from /proc; after the row settles, every enrolled person who appeared must have exactly
 * one CHECK_IN. Last line: {@code cameras= offered_fps= processed_ratio= p95_ms= p99_ms= lost= duplicated=}
 * for the largest row.
 */
public final class SystemBench {
    private static final int RECOGNITION_PORT = 8082;
    private static final int ENROLLED = 6;
    private static final int STRANGERS = 2;

    private final Stack stack;
    private final ProcessCpu cpu;
    private final double fps;
    private final int seconds;
    private final int warmup;
    private final Lanes lanes;
    private final LaneScenes scenes;
    private final List<byte[]> portraits;
    private final EventCodec codec = new EventCodec();

    private SystemBench(Stack stack, Path home, double fps, int seconds, int warmup, int faces, List<byte[]> portraits, LaneScenes scenes) {
        this.stack = stack;
        this.cpu = new ProcessCpu(home);
        this.fps = fps;
        this.seconds = seconds;
        this.warmup = warmup;
        this.lanes = new Lanes(faces, ENROLLED + STRANGERS);
        this.portraits = portraits;
        this.scenes = scenes;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = List.of(8, 16, 32);
        double fps = 5;
        int seconds = 60;
        int warmup = 20;
        int faces = 2;
        boolean compare = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cameras" -> counts = Arrays.stream(args[i + 1].split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--fps" -> fps = Double.parseDouble(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--faces" -> faces = Integer.parseInt(args[i + 1]);
                case "--compare" -> {
                    if (!args[i + 1].equals("ingest-pass-through")) {
                        throw new IllegalArgumentException("--compare knows ingest-pass-through");
                    }
                    compare = true;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --cameras 8,16,32 --faces 2 --fps 5 --seconds 60 --warmup 20 --compare ingest-pass-through)");
            }
        }
        if (faces < 1 || faces > 4) {
            throw new IllegalArgumentException("--faces must be 1 to 4");
        }
        Path root = Path.of(System.getProperty("rollcall.root", "."));
        Path home = Path.of(System.getenv().getOrDefault("ROLLCALL_HOME", root.resolve(".rollcall").toString()));
        int max = Collections.max(counts);
        List<byte[]> portraits;
        LaneScenes scenes;
        int rendered;
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1))) {
            portraits = Scenes.portraits(engine, ENROLLED, STRANGERS);
            scenes = new LaneScenes(engine, portraits, faces);
            rendered = scenes.prepare(new Lanes(faces, ENROLLED + STRANGERS), max, warmup + seconds + 5);
        }
        System.out.printf("Rollcall system bench (%d cores, %s; %d people of whom %d enrolled, %d faces per camera, %.0f fps, "
                + "%d s warm-up + %d s measured per row; %d frames pre-rendered)%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), ENROLLED + STRANGERS, ENROLLED, faces, fps, warmup, seconds, rendered);
        SystemBench bench = new SystemBench(Stack.fromEnvironment(), home, fps, seconds, warmup, faces, portraits, scenes);
        Faults parts = new Faults(root, home);
        List<Row> rows = new ArrayList<>();
        for (int n : counts) {
            rows.add(bench.row(n, "as configured"));
            if (compare) {
                // the same row again, in the same run, with frame-ingest restarted to decode and re-encode every frame
                restartIngest(parts, Map.of("ROLLCALL_INGEST_JPEG_PASS_THROUGH", "false"));
                rows.add(bench.row(n, "no pass-through"));
                restartIngest(parts, Map.of());
            }
        }
        print(rows);
        Row last = rows.stream().filter(r -> r.variant.equals("as configured"))
                .max((a, b) -> Integer.compare(a.cameras, b.cameras)).orElseThrow();
        System.out.printf("cameras=%d offered_fps=%.1f processed_ratio=%.3f p95_ms=%d p99_ms=%d lost=%d duplicated=%d%n",
                last.cameras, last.offeredFps, last.processedRatio(), last.identity.p(0.95), last.identity.p(0.99), last.lost,
                last.duplicated);
    }

    private static void restartIngest(Faults parts, Map<String, String> env) throws Exception {
        parts.kill("frame-ingest");
        if (!parts.restart(Duration.ofSeconds(180), env)) {
            throw new IllegalStateException("frame-ingest did not come back (see logs/chaos-restarts.log)");
        }
    }

    /** Sorted latencies in ms. */
    record Latencies(List<Long> sorted) {
        static Latencies of(List<Long> values) {
            List<Long> s = new ArrayList<>(values);
            Collections.sort(s);
            return new Latencies(s);
        }

        long p(double q) {
            return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
        }

        String triple() {
            return sorted.isEmpty() ? "-" : p(0.5) + " / " + p(0.95) + " / " + p(0.99);
        }
    }

    record Row(int cameras, String variant, double offeredFps, long offered, long processed, long stale, Latencies identity, Latencies attendance,
            Map<String, Double> cores, Map<String, Map<String, Double>> threadCores, Map<String, Double> stageCores,
            int appeared, int checkIns, int lost, int duplicated, int wrong) {
        double processedRatio() {
            return offered == 0 ? 0 : Math.min(1.0, (double) processed / offered);
        }
    }

    private Row row(int cameras, String variant) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String org = "system-" + run;
        StackClient client = new StackClient(stack.kafka(), org, stack.tokens().token("system-admin", org, Claims.Roles.ADMIN));
        client.policy();
        List<String> personIds = new ArrayList<>();
        for (int p = 0; p < ENROLLED; p++) {
            personIds.add(org + "-p" + p);
            client.enroll(personIds.get(p), portraits.get(p));
        }
        AtomicLong startMillis = new AtomicLong(Long.MAX_VALUE);
        CameraFeed feed = (camera, n) -> {
            double t = (System.currentTimeMillis() - startMillis.get()) / 1000.0;
            int[] who = t < 0 || t > warmup + seconds ? nobody() : lanes.showing(camera, t);
            return scenes.frame(who, (int) (n % LaneScenes.POSITIONS));
        };
        List<Long> identityMs = new CopyOnWriteArrayList<>();
        List<Long> attendanceMs = new CopyOnWriteArrayList<>();
        // per person the CHECK_IN event ids: a redelivered event (same id) is at-least-once, not a second check-in
        Map<String, java.util.Set<String>> checkIns = new ConcurrentHashMap<>();
        Map<String, List<AttendanceEvent>> checkInEvents = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong lastRecord = new AtomicLong(System.nanoTime());
        Instant[] window = new Instant[2];
        Row row;
        try (MjpegCameras served = new MjpegCameras(cameras, feed, fps);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka(), "acks", "all"),
                     new StringSerializer(), new ByteArraySerializer());
             Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka()));
             KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka()),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of(Topics.IDENTITY_EVENTS, Topics.ATTENDANCE)) {
                reader.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            }
            reader.assign(parts);
            reader.seekToEnd(parts);
            parts.forEach(reader::position);
            // the reader polls on its own thread: a record's latency is when an integrator would have it
            Thread readerThread = new Thread(() -> {
                while (reading.get()) {
                    for (var r : reader.poll(Duration.ofMillis(100))) {
                        Instant now = Instant.now();
                        lastRecord.set(System.nanoTime());
                        if (r.value() == null) {
                            continue;
                        }
                        if (r.topic().equals(Topics.IDENTITY_EVENTS)) {
                            IdentityEvent e = codec.decode(r.value(), IdentityEvent.class);
                            if (org.equals(e.orgId()) && window[0] != null && !e.capturedAt().isBefore(window[0])
                                    && (window[1] == null || e.capturedAt().isBefore(window[1]))) {
                                identityMs.add(Duration.between(e.capturedAt(), now).toMillis());
                            }
                        } else if (r.key() != null && r.key().startsWith(org + "/")) {
                            AttendanceEvent e = codec.decode(r.value(), AttendanceEvent.class);
                            Instant decisive = e.type() == AttendanceEvent.Type.CHECK_IN ? e.checkIn() : e.checkOut();
                            if (decisive != null) {
                                attendanceMs.add(Duration.between(decisive, now).toMillis());
                            }
                            if (e.type() == AttendanceEvent.Type.CHECK_IN) {
                                if (checkIns.computeIfAbsent(e.personId(), k -> ConcurrentHashMap.newKeySet()).add(e.eventId())) {
                                    checkInEvents.computeIfAbsent(e.personId(), k -> new CopyOnWriteArrayList<>()).add(e);
                                }
                            }
                        }
                    }
                }
            }, "system-bench-reader");
            readerThread.start();
            List<String> ids = client.registerCameras(producer, served, cameras, "site-1", "bench door", fps);
            StackClient.await(() -> client.connected(ids), Duration.ofSeconds(120), "frame-ingest streams the " + cameras + " cameras");
            startMillis.set(System.currentTimeMillis());
            StackClient.await(() -> System.currentTimeMillis() - startMillis.get() >= warmup * 1000L, Duration.ofSeconds(warmup + 5), "the warm-up");
            window[0] = Instant.now();
            long sent0 = served.sent();
            double consumed0 = Stack.metric(RECOGNITION_PORT, "rollcall_frames_consumed_total", null);
            double skipped0 = Stack.metric(RECOGNITION_PORT, "rollcall_frames_skipped_total", null);
            double stale0 = Stack.metric(RECOGNITION_PORT, "rollcall_frames_skipped_total", "reason=\"stale\"");
            Map<String, Double> cpu0 = cpu.snapshot();
            Map<String, Map<String, Double>> threads0 = threadSnapshot();
            Map<String, Double> stages0 = stageSeconds();
            long wall0 = System.nanoTime();
            StackClient.await(() -> Instant.now().isAfter(window[0].plusSeconds(seconds)), Duration.ofSeconds(seconds + 5), "the measured window");
            window[1] = Instant.now();
            long offered = served.sent() - sent0;
            long processed = Math.round(Stack.metric(RECOGNITION_PORT, "rollcall_frames_consumed_total", null) - consumed0
                    - (Stack.metric(RECOGNITION_PORT, "rollcall_frames_skipped_total", null) - skipped0));
            long stale = Math.round(Stack.metric(RECOGNITION_PORT, "rollcall_frames_skipped_total", "reason=\"stale\"") - stale0);
            Map<String, Double> cpu1 = cpu.snapshot();
            Map<String, Map<String, Double>> threads1 = threadSnapshot();
            Map<String, Double> stages1 = stageSeconds();
            double wall = (System.nanoTime() - wall0) / 1e9;
            Map<String, Double> cores = perSecond(cpu0, cpu1, wall);
            Map<String, Map<String, Double>> threadCores = new java.util.LinkedHashMap<>();
            threads1.forEach((part, t) -> threadCores.put(part, perSecond(threads0.getOrDefault(part, Map.of()), t, wall)));
            Map<String, Double> stageCores = perSecond(stages0, stages1, wall);
            client.removeCameras(producer, ids);
            // everything decided reaches the topic and attendance, then the reader has seen it all
            StackClient.await(() -> StackClient.settled(stack, admin), Duration.ofSeconds(180), "identity events applied and attendance published");
            StackClient.await(() -> System.nanoTime() - lastRecord.get() > 3_000_000_000L, Duration.ofSeconds(60), "the topics to go quiet");
            reading.set(false);
            readerThread.join();
            int appeared = 0;
            int lost = 0;
            int duplicated = 0;
            int wrong = 0;
            for (int p = 0; p < ENROLLED; p++) {
                int n = checkIns.getOrDefault(personIds.get(p), java.util.Set.of()).size();
                if (lanes.appears(p, cameras, warmup + seconds)) {
                    appeared++;
                    lost += n == 0 ? 1 : 0;
                    duplicated += Math.max(0, n - 1);
                    if (n > 1) {
                        for (AttendanceEvent e : checkInEvents.get(personIds.get(p))) {
                            System.out.printf("    duplicate? %s CHECK_IN %s camera %s check-in %s day %s%n", e.personId(), e.eventId(),
                                    e.cameraId(), e.checkIn(), e.day());
                        }
                    }
                } else {
                    wrong += n; // checked in without ever standing in front of a camera: someone else was taken for them
                }
            }
            row = new Row(cameras, variant, offered / wall, offered, processed, stale, Latencies.of(identityMs), Latencies.of(attendanceMs), cores,
                    threadCores, stageCores, appeared, checkIns.values().stream().mapToInt(java.util.Set::size).sum(), lost, duplicated, wrong);
        }
        System.out.printf("  %d cameras (%s): offered %d, processed %d, stale %d, identity events %d, check-ins %d%n", cameras, variant, row.offered,
                row.processed, row.stale, row.identity.sorted().size(), row.checkIns);
        return row;
    }

    private Map<String, Map<String, Double>> threadSnapshot() throws java.io.IOException {
        Map<String, Map<String, Double>> out = new java.util.LinkedHashMap<>();
        for (String part : List.of("recognition", "frame-ingest", "kafka")) {
            out.put(part, cpu.threads(part));
        }
        return out;
    }

    /** Seconds spent in each recognition stage so far (its timers' sums): the per-stage profile. */
    private static Map<String, Double> stageSeconds() throws Exception {
        Map<String, Double> out = new java.util.TreeMap<>();
        for (String stage : List.of("decode", "detect", "landmarks", "embed", "liveness")) {
            out.put(stage, Stack.metric(RECOGNITION_PORT, "rollcall_stage_seconds_sum", "stage=\"" + stage + "\""));
        }
        return out;
    }

    private static Map<String, Double> perSecond(Map<String, Double> before, Map<String, Double> after, double wall) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        after.forEach((k, v) -> out.put(k, (v - before.getOrDefault(k, 0.0)) / wall));
        return out;
    }

    private int[] nobody() {
        int[] n = new int[lanes.lanes()];
        Arrays.fill(n, -1);
        return n;
    }

    private static void print(List<Row> rows) {
        System.out.println();
        StringBuilder head = new StringBuilder("| cameras | frame-ingest | offered fps | processed | stale skips | capture→identity p50 / p95 / p99 ms "
                + "| capture→attendance p50 / p95 / p99 ms |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|---|");
        List<String> parts = new ArrayList<>(ProcessCpu.PARTS);
        parts.add("bench");
        for (String p : parts) {
            head.append(" CPU ").append(p).append(" |");
            rule.append("---|");
        }
        head.append(" appeared | check-ins | lost | duplicated | wrong person |");
        rule.append("---|---|---|---|---|");
        System.out.println(head);
        System.out.println(rule);
        for (Row r : rows) {
            StringBuilder line = new StringBuilder(String.format("| %d | %s | %.1f | %d of %d (%.3f) | %d | %s | %s |", r.cameras, r.variant, r.offeredFps,
                    r.processed, r.offered, r.processedRatio(), r.stale, r.identity.triple(), r.attendance.triple()));
            for (String p : parts) {
                line.append(String.format(" %.2f |", r.cores.getOrDefault(p, 0.0)));
            }
            line.append(String.format(" %d | %d | %d | %d | %d |", r.appeared, r.checkIns, r.lost, r.duplicated, r.wrong));
            System.out.println(line);
        }
        System.out.println();
        System.out.println("CPU in cores (CPU seconds per second of the measured window); latencies from the capture time frame-ingest stamps "
                + "to the moment this bench's consumer had the event.");
        Row big = rows.stream().filter(r -> r.variant.equals("as configured"))
                .max((a, b) -> Integer.compare(a.cameras, b.cameras)).orElseThrow();
        System.out.printf("%nWhere the CPU goes at %d cameras (cores, by thread kind; the top ones per part):%n", big.cameras);
        big.threadCores.forEach((part, threads) -> {
            StringBuilder line = new StringBuilder("  " + part + ":");
            threads.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(6)
                    .forEach(e -> line.append(String.format(" %s %.2f;", e.getKey(), e.getValue())));
            System.out.println(line);
        });
        StringBuilder stages = new StringBuilder("  recognition stages (seconds in the stage per second, all workers):");
        big.stageCores.forEach((stage, c) -> stages.append(String.format(" %s %.2f;", stage, c)));
        System.out.println(stages);
    }
}
