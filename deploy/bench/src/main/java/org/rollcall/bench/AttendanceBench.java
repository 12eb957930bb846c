package org.rollcall.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rollcall.events.BoundingBox;
import org.rollcall.events.EventCodec;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.Topics;

/**
 * Attendance throughput: identity events per second into committed records (a working day of
 * sightings: most repeat within the cooldown, some check in, some move the check-out), and the
 * time to stream a CSV export of a large organization.
 */
final class AttendanceBench {
    static final int ATTENDANCE_PORT = 8083;

    private AttendanceBench() {
    }

    static void run(Stack stack, String[] args) throws Exception {
        int events = 20_000;
        int exportRows = 1_000_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--export-rows" -> exportRows = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("Rollcall attendance bench (run %s, %d cores)%n%n", run, Runtime.getRuntime().availableProcessors());
        ingest(stack, run, events);
        export(stack, run, exportRows);
    }

    private static void ingest(Stack stack, String run, int n) throws Exception {
        String org = "bench-" + run;
        int people = Math.max(1, n / 20);
        Instant day = LocalDate.now().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(7 * 3600);
        EventCodec codec = new EventCodec();
        double before = Stack.metric(ATTENDANCE_PORT, "rollcall_identity_events_total", null);
        long t0 = System.nanoTime();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.kafka(), "acks", "all",
                "linger.ms", 5), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                int person = i % people;
                // every person is seen every 30 s for 20 rounds: a check-in, then repeats, then check-outs
                Instant at = day.plusSeconds((long) (i / people) * 30 + person % 30);
                String frame = org + "-f" + i;
                IdentityEvent e = new IdentityEvent(1, IdentityEvent.eventId(frame, 0), org, "site-1", "cam-" + (person % 8),
                        frame, 0, at, at.plusMillis(50), "p" + person, 0.7, 0.3, 0.95, new BoundingBox(10, 10, 90, 90),
                        "fr_feature", "t", null);
                producer.send(new ProducerRecord<>(Topics.IDENTITY_EVENTS, e.key(), codec.encode(e)));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - t0) / 1e9;
        while (Stack.metric(ATTENDANCE_PORT, "rollcall_identity_events_total", null) - before < n) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long records;
        try (Connection c = stack.db(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM attendance.record WHERE org_id = ?")) {
            ps.setString(1, org);
            var rs = ps.executeQuery();
            rs.next();
            records = rs.getLong(1);
        }
        System.out.println("identity events -> committed attendance");
        System.out.printf("  events %d, people %d, records %d%n", n, people, records);
        System.out.printf("  produced in %.2f s (%.0f events/s: the broker-only baseline of this run)%n", produceSeconds, n / produceSeconds);
        System.out.printf("  committed in %.2f s: %.0f events/s (%.2fx the produce rate)%n%n", seconds, n / seconds,
                (n / seconds) / (n / produceSeconds));
        System.out.printf("events_per_s=%.0f%n", n / seconds);
    }

    private static void export(Stack stack, String run, int rows) throws Exception {
        String org = "bench-csv-" + run;
        int days = 365;
        int people = (rows + days - 1) / days;
        LocalDate to = LocalDate.now();
        LocalDate from = to.minusDays(days - 1);
        long t0 = System.nanoTime();
        try (Connection c = stack.db(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO attendance.record (org_id, person_id, day, site_id, camera_id, check_in, check_out, late, early_leave, source) "
                    + "SELECT '" + org + "', 'person-' || p, d::date, 'site-' || (p % 4), 'cam-1', d + time '08:00' + (p % 60) * interval '1 minute', "
                    + "d + time '17:00', p % 7 = 0, p % 11 = 0, 'FACE' "
                    + "FROM generate_series(1, " + people + ") p, generate_series(date '" + from + "', date '" + to + "', interval '1 day') d");
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        String token = stack.tokens().token("bench-admin", org, "admin");
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ATTENDANCE_PORT
                + "/api/v1/attendance/export.csv?from=" + from + "&to=" + to)).header("Authorization", "Bearer " + token).build();
        double heapBefore = Stack.metric(ATTENDANCE_PORT, "jvm_memory_used_bytes", "area=\"heap\"");
        long t1 = System.nanoTime();
        HttpResponse<InputStream> resp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(req, HttpResponse.BodyHandlers.ofInputStream());
        long firstByte = 0;
        long bytes = 0;
        long lines = 0;
        byte[] buf = new byte[1 << 16];
        double heapPeak = heapBefore;
        try (InputStream in = resp.body()) {
            int r;
            while ((r = in.read(buf)) > 0) {
                if (firstByte == 0) {
                    firstByte = System.nanoTime();
                }
                bytes += r;
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
                if (lines % 200_000 < 400) {
                    heapPeak = Math.max(heapPeak, Stack.metric(ATTENDANCE_PORT, "jvm_memory_used_bytes", "area=\"heap\""));
                }
            }
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        try (Connection c = stack.db(); PreparedStatement ps = c.prepareStatement("DELETE FROM attendance.record WHERE org_id = ?")) {
            ps.setString(1, org);
            ps.executeUpdate();
        }
        System.out.println("CSV export (streamed from a cursor)");
        System.out.printf("  status %d, rows %d (+ header), %.1f MB%n", resp.statusCode(), lines - 1, bytes / 1e6);
        System.out.printf("  loaded %d rows in %.1f s; first byte after %.0f ms; export %.1f s (%.0f rows/s)%n",
                people * (long) days, loadSeconds, (firstByte - t1) / 1e6, seconds, (lines - 1) / seconds);
        System.out.printf("  attendance heap used: %.0f MB before, %.0f MB peak sampled during the export%n%n",
                heapBefore / 1e6, heapPeak / 1e6);
        System.out.printf("export_rows=%d export_s=%.1f%n", lines - 1, seconds);
    }
}
