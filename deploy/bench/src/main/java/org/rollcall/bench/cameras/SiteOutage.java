package org.rollcall.bench.cameras;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rollcall.bench.Stack;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.Claims;
import org.rollcall.events.Erasure;
import org.rollcall.events.EventCodec;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.Topics;
import org.rollcall.testkit.WanLink;

/**
 * {@code deploy/rollcall site outage [cut-seconds]}: an edge site ("edge": its own broker,
 * frame-ingest and recognition, started with {@code deploy/rollcall site up}) linked to the central
 * stack through a WAN link this command runs and cuts. The chaos {@link Scenario} plays on the
 * site's four MJPEG cameras; the link goes down as the scenario starts and stays down for
 * {@code cut-seconds} (default 180: every check-in and the first check-outs happen during the cut), then is restored.
 * Compares the central attendance with what happened at the site: records, check-in times equal to
 * the capture times of the site's own identity events, nothing lost or doubled; measures how long
 * the backlog takes to cross, the bytes that crossed the WAN per camera-hour against the site's frame
 * stream, and how long an erasure made centrally takes to remove the person's templates at the
 * site. Last line {@code cut_s=N checkins_during_cut=N records=N lost=N duplicated=N times_kept=N
 * drain_s=S erasure_at_site_s=S wan_bytes_per_camera_hour=N frame_bytes_per_camera_hour=N}.
 */
public final class SiteOutage {
    static final String SITE = "edge";
    /** The central broker's WAN listener (devstack: Kafka port + 2) and where it says the link is. */
    private static final int WAN_TARGET = 9094;
    private static final int WAN_PORT = 9095;
    private static final double FPS = 3;

    private final Stack stack;
    private final Path root;
    private final Path home;
    private final Duration cut;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private final String org = "site-" + runId;
    private final EventCodec codec = new EventCodec();
    private final StackClient client;

    private SiteOutage(Stack stack, Path root, Path home, Duration cut) {
        this.stack = stack;
        this.root = root;
        this.home = home;
        this.cut = cut;
        this.client = new StackClient(stack.kafka(), org, stack.tokens().token("outage-admin", org, Claims.Roles.ADMIN));
    }

    public static void main(String[] args) throws Exception {
        Duration cut = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 180);
        Path root = Path.of(System.getProperty("rollcall.root", "."));
        Path home = Path.of(System.getenv().getOrDefault("ROLLCALL_HOME", root.resolve(".rollcall").toString()));
        SiteOutage run = new SiteOutage(Stack.fromEnvironment(), root, home, cut);
        System.out.printf("Rollcall WAN outage run %s (%d cores): site %s, link cut for %d s%n", run.org,
                Runtime.getRuntime().availableProcessors(), SITE, cut.toSeconds());
        run.run();
    }

    private void run() throws Exception {
        Scenario scenario = Scenario.standard(runId);
        Scenes scenes = Scenes.render(scenario.enrolled().size(), scenario.people().size() - scenario.enrolled().size());
        try (WanLink wan = WanLink.start(WAN_PORT, WAN_TARGET)) {
            launcher("site", "up", SITE);
            try {
                run(scenario, scenes, wan);
            } finally {
                launcher("site", "down", SITE);
            }
        }
    }

    private void run(Scenario scenario, Scenes scenes, WanLink wan) throws Exception {
        String siteKafka = "127.0.0.1:" + (9092 + 1000 * Integer.parseInt(Files.readString(home.resolve("sites/" + SITE + "/index")).trim()));
        client.policy();
        for (Scenario.Person p : scenario.enrolled()) {
            client.enroll(p.personId(), scenes.portraits.get(p.portrait()));
        }
        // the gallery comes down the link before anyone walks in
        Set<String> enrolled = new HashSet<>(scenario.enrolled().stream().map(Scenario.Person::personId).toList());
        StackClient.await(() -> templatePeople(siteKafka).containsAll(enrolled), Duration.ofSeconds(120), "the templates at the site");
        Instant start;
        Instant cutAt;
        Instant restoredAt;
        double drainSeconds;
        long wanBytes;
        long frameBytes;
        Set<String> madeDuringCut;
        ScenarioFeed feed = new ScenarioFeed(scenario, scenes);
        try (MjpegCameras cameras = new MjpegCameras(scenario.cameras(), feed, FPS);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka(), "acks", "all"),
                     new StringSerializer(), new ByteArraySerializer());
             Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka()))) {
            // registered centrally (identity's topic), run by the site's ingest: the registry comes down the link
            List<String> cameraIds = client.registerCameras(producer, cameras, scenario.cameras(), SITE, "site door", FPS);
            // their states go up the link: CONNECTED at the centre means both directions work
            StackClient.await(() -> client.connected(cameraIds), Duration.ofSeconds(120), "the site's cameras CONNECTED at the centre");
            long wanAtStart = wan.bytesToTarget() + wan.bytesFromTarget();
            // the link goes down just before the first people walk in: every check-in happens during the cut
            wan.cut();
            cutAt = Instant.now();
            start = cutAt;
            feed.start(start);
            System.out.printf("scenario: %d cameras at the site, %d enrolled people and %d strangers, %d visits, %d s long%n",
                    scenario.cameras(), scenario.enrolled().size(), scenario.people().size() - scenario.enrolled().size(),
                    scenario.visits().size(), scenario.length().toSeconds());
            System.out.printf("  %5.1f s: WAN link cut%n", seconds(start, cutAt));
            Instant restoreAt = cutAt.plus(cut);
            StackClient.await(() -> Instant.now().isAfter(restoreAt), cut.plusSeconds(10), "the link's return");
            // what the site decided while it was cut off, as its broker holds it
            madeDuringCut = eventIds(siteKafka);
            wan.restore();
            restoredAt = Instant.now();
            System.out.printf("  %5.1f s: WAN link restored, %d identity events waiting at the site%n", seconds(start, restoredAt),
                    madeDuringCut.size());
            StackClient.await(() -> eventIds(stack.kafka()).containsAll(madeDuringCut), Duration.ofSeconds(300), "the backlog at the centre");
            drainSeconds = seconds(restoredAt, Instant.now());
            System.out.printf("  backlog across in %.1f s%n", drainSeconds);
            Instant end = start.plus(scenario.length());
            StackClient.await(() -> Instant.now().isAfter(end), scenario.length(), "the scenario's end");
            wanBytes = wan.bytesToTarget() + wan.bytesFromTarget() - wanAtStart;
            frameBytes = frameBytes(siteKafka, cameraIds, start, end);
            client.removeCameras(producer, cameraIds);
            StackClient.await(() -> eventIds(stack.kafka()).containsAll(eventIds(siteKafka)),
                    Duration.ofSeconds(120), "the site's last events at the centre");
            StackClient.await(() -> StackClient.settled(stack, admin), Duration.ofSeconds(180), "identity events applied and attendance events published");
        }
        Verdict.Judged judged = Verdict.judge(stack, client, org, scenario, start);
        List<AttendanceEvent> events = judged.events();
        List<Verdict.Row> rows = judged.rows();
        Verdict v = judged.verdict();
        // check-in times are the site's capture times, not the moment the events crossed
        Set<Instant> captured = new HashSet<>();
        for (IdentityEvent e : identityEvents(siteKafka)) {
            captured.add(e.capturedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
        long timesKept = rows.stream().filter(r -> r.checkIn() != null
                && captured.contains(r.checkIn().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))).count();
        long checkInsDuringCut = rows.stream().filter(r -> r.checkIn() != null && !r.checkIn().isBefore(cutAt)
                && r.checkIn().isBefore(restoredAt)).count();
        long checkOutsDuringCut = events.stream().filter(e -> e.type() == AttendanceEvent.Type.CHECK_OUT && e.checkOut() != null
                && !e.checkOut().isBefore(cutAt) && e.checkOut().isBefore(restoredAt)).count();
        double erasureSeconds = eraseAndAwaitAtSite(siteKafka, scenario.enrolled().get(0).personId());

        double cameraHours = scenario.cameras() * Duration.ofSeconds(scenario.length().toSeconds()).toMillis() / 3_600_000.0;
        System.out.println();
        System.out.println("| what | value |");
        System.out.println("|---|---|");
        System.out.printf("| link cut | %d s (from %.0f s to %.0f s of the scenario) |%n", cut.toSeconds(), seconds(start, cutAt),
                seconds(start, restoredAt));
        System.out.printf("| records at the centre | %d (check-ins made during the cut %d, CHECK_OUT events of the cut %d) |%n",
                rows.size(), checkInsDuringCut, checkOutsDuringCut);
        System.out.printf("| check-in times equal to the site's capture times | %d of %d |%n", timesKept, rows.size());
        System.out.printf("| backlog across after the return | %.1f s (%d identity events) |%n", drainSeconds, madeDuringCut.size());
        System.out.printf("| erasure made centrally, templates gone at the site | %.1f s |%n", erasureSeconds);
        System.out.printf("| WAN bytes (both ways, %.2f camera-hours) | %d = %.0f per camera-hour |%n", cameraHours, wanBytes, wanBytes / cameraHours);
        System.out.printf("| frame bytes at the site (what crossed before) | %d = %.0f per camera-hour |%n", frameBytes, frameBytes / cameraHours);
        System.out.printf("records %d, attendance events %d (check-ins %d, check-outs %d), strangers named %d%n", rows.size(),
                events.size(), events.stream().filter(e -> e.type() == AttendanceEvent.Type.CHECK_IN).count(),
                events.stream().filter(e -> e.type() == AttendanceEvent.Type.CHECK_OUT).count(), v.strangersNamed);
        v.findings.forEach(f -> System.out.println("  " + f));
        System.out.printf("cut_s=%d checkins_during_cut=%d records=%d lost=%d duplicated=%d times_kept=%d drain_s=%.1f erasure_at_site_s=%.1f "
                + "wan_bytes_per_camera_hour=%.0f frame_bytes_per_camera_hour=%.0f%n", cut.toSeconds(), checkInsDuringCut, rows.size(),
                v.lost, v.duplicated, timesKept, drainSeconds, erasureSeconds, wanBytes / cameraHours, frameBytes / cameraHours);
    }

    /** Publishes an erasure of {@code personId} centrally (as identity does) and waits until the site holds no template of theirs. */
    private double eraseAndAwaitAtSite(String siteKafka, String personId) throws Exception {
        Instant at = Instant.now();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            Erasure e = new Erasure(Erasure.VERSION, UUID.randomUUID().toString(), org, personId, false, at);
            p.send(new ProducerRecord<>(Topics.ERASURES, e.key(), codec.encode(e))).get();
        }
        StackClient.await(() -> !templatePeople(siteKafka).contains(personId), Duration.ofSeconds(120), "the erasure at the site");
        return seconds(at, Instant.now());
    }

    /** The people of this run with a live template on the site's broker. */
    private Set<String> templatePeople(String siteKafka) {
        Map<String, Boolean> live = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> r : StackClient.readAll(siteKafka, Topics.FACE_TEMPLATES)) {
            if (r.key() != null && r.key().startsWith(org + "/")) {
                live.put(r.key(), r.value() != null);
            }
        }
        Set<String> people = new HashSet<>();
        live.forEach((key, on) -> {
            if (on) {
                people.add(key.split("/")[1]);
            }
        });
        return people;
    }

    /** The ids of this run's identity events on a broker (the site's or the centre's). */
    private Set<String> eventIds(String kafka) {
        return new HashSet<>(identityEvents(kafka).stream().map(IdentityEvent::eventId).toList());
    }

    private List<IdentityEvent> identityEvents(String kafka) {
        List<IdentityEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : StackClient.readAll(kafka, Topics.IDENTITY_EVENTS)) {
            if (r.key() != null && r.key().startsWith(org + "/") && r.value() != null) {
                out.add(codec.decode(r.value(), IdentityEvent.class));
            }
        }
        return out;
    }

    /** What the site's cameras put on its frames topic during the scenario: what used to cross the WAN. */
    private static long frameBytes(String siteKafka, List<String> cameraIds, Instant from, Instant to) {
        long bytes = 0;
        for (ConsumerRecord<String, byte[]> r : StackClient.readAll(siteKafka, Topics.FRAMES)) {
            if (cameraIds.contains(r.key()) && r.timestamp() >= from.toEpochMilli() && r.timestamp() < to.toEpochMilli()) {
                bytes += r.serializedKeySize() + r.serializedValueSize();
                for (Header h : r.headers()) {
                    bytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
                }
            }
        }
        return bytes;
    }


    /** Runs {@code deploy/rollcall ARGS} with this run's home; the site's mirror reaches the centre through the link. */
    private void launcher(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("deploy/rollcall").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ROLLCALL_HOME", home.toString());
        pb.environment().put("ROLLCALL_CENTRAL_KAFKA", "127.0.0.1:" + WAN_PORT);
        Path log = home.resolve("logs/outage-launcher.log");
        Files.createDirectories(log.getParent());
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        int rc = pb.start().waitFor();
        StackClient.require(rc == 0, "deploy/rollcall " + String.join(" ", args) + " failed (" + rc + "), see " + log);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
