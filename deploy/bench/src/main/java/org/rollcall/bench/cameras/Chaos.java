package org.rollcall.bench.cameras;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rollcall.bench.Stack;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.Claims;
import org.rollcall.events.EventCodec;

/**
 * {@code deploy/rollcall chaos}: against the stack {@code deploy/rollcall chaos} started (two
 * replicas of recognition and attendance), streams the {@link Scenario} from four MJPEG cameras
 * while killing one part at a time with SIGKILL at random moments and restarting it with
 * {@code deploy/rollcall up}; then compares the attendance records and the attendance topic
 * with the scenario. Prints the faults, the findings, and a last line
 * {@code kills=N lost=N duplicated=N out_of_order=N max_recovery_s=S}.
 */
public final class Chaos {
    private static final double FPS = 3;
    /** No kill in the last seconds of the scenario: the last visits are what the check-outs are judged on. */
    private static final Duration QUIET_END = Duration.ofSeconds(30);

    private final Stack stack;
    private final Faults faults;
    private final Random random;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private final String org = "chaos-" + runId;
    private final EventCodec codec = new EventCodec();
    private final StackClient client;

    private Chaos(Stack stack, Faults faults, long seed) {
        this.stack = stack;
        this.faults = faults;
        this.random = new Random(seed);
        this.client = new StackClient(stack.kafka(), org, stack.tokens().token("chaos-admin", org, Claims.Roles.ADMIN));
    }

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : System.nanoTime();
        Path root = Path.of(System.getProperty("rollcall.root", "."));
        Path home = Path.of(System.getenv().getOrDefault("ROLLCALL_HOME", root.resolve(".rollcall").toString()));
        Chaos chaos = new Chaos(Stack.fromEnvironment(), new Faults(root, home), seed);
        System.out.printf("Rollcall chaos run %s (seed %d, %d cores)%n", chaos.org, seed, Runtime.getRuntime().availableProcessors());
        chaos.run();
    }

    private void run() throws Exception {
        Scenario scenario = Scenario.standard(runId);
        Scenes scenes = Scenes.render(scenario.enrolled().size(), scenario.people().size() - scenario.enrolled().size());
        ScenarioFeed feed = new ScenarioFeed(scenario, scenes);
        client.policy();
        for (Scenario.Person p : scenario.enrolled()) {
            client.enroll(p.personId(), scenes.portraits.get(p.portrait()));
        }
        List<Faults.Kill> kills = new ArrayList<>();
        Instant start;
        try (MjpegCameras cameras = new MjpegCameras(scenario.cameras(), feed, FPS);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka(), "acks", "all"),
                     new StringSerializer(), new ByteArraySerializer());
             Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka()))) {
            List<String> cameraIds = client.registerCameras(producer, cameras, scenario.cameras(), "site-1", "chaos door", FPS);
            StackClient.await(() -> client.connected(cameraIds), Duration.ofSeconds(90), "frame-ingest streams the four cameras");
            start = Instant.now();
            feed.start(start);
            System.out.printf("scenario: %d cameras, %d enrolled people and %d strangers, %d visits of %d s, %d s long%n",
                    scenario.cameras(), scenario.enrolled().size(), scenario.people().size() - scenario.enrolled().size(),
                    scenario.visits().size(), Scenario.VISIT.toSeconds(), scenario.length().toSeconds());
            Instant lastKill = start.plus(scenario.length()).minus(QUIET_END);
            List<String> order = new ArrayList<>();
            while (Instant.now().isBefore(lastKill)) {
                if (order.isEmpty()) {
                    order.addAll(Faults.TARGETS);
                    Collections.shuffle(order, random);
                }
                // the fault schedule: a random moment 3-10 s after the last recovery
                Thread.sleep(3000 + random.nextInt(7000));
                if (!Instant.now().isBefore(lastKill)) {
                    break;
                }
                String target = order.remove(0);
                long inFlight;
                try (Connection db = stack.db()) {
                    inFlight = Faults.inFlight(admin, db);
                }
                Instant at = Instant.now();
                faults.kill(target);
                boolean recovered = faults.restart(Duration.ofSeconds(180));
                Faults.Kill k = new Faults.Kill(target, Duration.between(start, at).toMillis() / 1000.0,
                        Duration.between(at, Instant.now()).toMillis() / 1000.0, inFlight, recovered);
                kills.add(k);
                System.out.printf("  kill %-14s at %5.1f s: %s in %.1f s (in flight %d)%n", target, k.atSeconds(),
                        recovered ? "recovered" : "NOT recovered", k.recoverySeconds(), inFlight);
            }
            // the rest of the scenario plays out, then everything in flight settles
            StackClient.await(() -> Instant.now().isAfter(start.plus(scenario.length())), scenario.length(), "the scenario's end");
            client.removeCameras(producer, cameraIds);
            StackClient.await(() -> StackClient.settled(stack, admin), Duration.ofSeconds(180), "identity events applied and attendance events published");
        }
        Verdict.Judged judged = Verdict.judge(stack, client, org, scenario, start);
        List<AttendanceEvent> events = judged.events();
        List<Verdict.Row> rows = judged.rows();
        Verdict v = judged.verdict();
        print(kills, rows, events, v);
    }

    private void print(List<Faults.Kill> kills, List<Verdict.Row> rows, List<AttendanceEvent> events, Verdict v) {
        System.out.println();
        System.out.println("| # | fault (SIGKILL) | at s | recovered in s | events in flight |");
        System.out.println("|---|---|---|---|---|");
        double max = 0;
        for (int i = 0; i < kills.size(); i++) {
            Faults.Kill k = kills.get(i);
            System.out.printf("| %d | %s | %.1f | %s | %d |%n", i + 1, k.target(), k.atSeconds(),
                    k.recovered() ? String.format("%.1f", k.recoverySeconds()) : "not in 180", k.inFlight());
            max = Math.max(max, k.recovered() ? k.recoverySeconds() : Double.POSITIVE_INFINITY);
        }
        System.out.println();
        System.out.printf("records %d, attendance events %d (check-ins %d, check-outs %d), strangers named %d%n", rows.size(),
                events.size(), events.stream().filter(e -> e.type() == AttendanceEvent.Type.CHECK_IN).count(),
                events.stream().filter(e -> e.type() == AttendanceEvent.Type.CHECK_OUT).count(), v.strangersNamed);
        v.findings.forEach(f -> System.out.println("  " + f));
        System.out.printf("kills=%d lost=%d duplicated=%d out_of_order=%d max_recovery_s=%s%n", kills.size(), v.lost, v.duplicated,
                v.outOfOrder, Double.isInfinite(max) ? "inf" : String.format("%.1f", max));
    }
}
