package org.rollcall.attendance.record;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rollcall.attendance.outbox.Outbox;
import org.rollcall.attendance.outbox.OutboxPublisher;
import org.rollcall.attendance.policy.AttendanceConfig;
import org.rollcall.attendance.sighting.DeadLetters;
import org.rollcall.attendance.Fixtures;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.FaceTemplate;
import org.rollcall.events.BoundingBox;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.Erasure;
import org.rollcall.events.ErasureConfirmation;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.Topics;
import org.rollcall.testkit.Await;
import org.rollcall.testkit.InjectKafka;
import org.rollcall.testkit.InjectPostgres;
import org.rollcall.testkit.InjectTokens;
import org.rollcall.testkit.JwtTestResource;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.KafkaTestResource;
import org.rollcall.testkit.Postgres;
import org.rollcall.testkit.PostgresTestResource;
import org.rollcall.testkit.TestTokens;

/** Identity events through a real broker into a real PostgreSQL, under an organization's policy. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = true)
class AttendanceRulesTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @InjectKafka
    KafkaBroker kafka;
    @InjectPostgres
    Postgres postgres;
    @InjectTokens
    TestTokens tokens;
    @Inject
    MeterRegistry registry;
    @Inject
    Ledger ledger;
    @Inject
    org.rollcall.attendance.policy.SiteZonesFromCameras zones;
    @Inject
    org.rollcall.attendance.sighting.RetryingWriter writer;
    @Inject
    DeadLetters deadLetters;
    @Inject
    EntityManager em;
    @Inject
    AttendanceConfig attendanceConfig;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;
    @Inject
    Outbox outbox;
    @Inject
    OutboxPublisher publisher;

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private void policy(String org) {
        given().auth().oauth2(tokens.token("admin-1", org, "admin")).contentType(ContentType.JSON)
                .body(Map.of("similarityThreshold", 0.45, "livenessThreshold", 0.5, "cooldownMinutes", 5,
                        "zone", "Europe/Berlin", "scheduleStart", "09:00", "scheduleEnd", "17:00", "graceMinutes", 10))
                .put("/api/v1/attendance/policy").then().statusCode(200);
    }

    @Test
    void duplicatesOutOfOrderUnknownsAndWeakMatchesGiveExactlyTheExpectedRecords() throws Exception {
        String org = "org-rules";
        policy(org);
        IdentityEvent a1 = Fixtures.sighting(org, "f-a1", "alice", berlin("2026-03-10T08:55:00"), 0.8, 0.9);
        IdentityEvent a2 = Fixtures.sighting(org, "f-a2", "alice", berlin("2026-03-10T08:58:00"), 0.8, 0.9);
        IdentityEvent a3 = Fixtures.sighting(org, "f-a3", "alice", berlin("2026-03-10T16:30:00"), 0.7, 0.8);
        IdentityEvent weak = Fixtures.sighting(org, "f-a4", "alice", berlin("2026-03-10T17:30:00"), 0.30, 0.9);
        IdentityEvent spoof = Fixtures.sighting(org, "f-a5", "alice", berlin("2026-03-10T17:40:00"), 0.9, 0.2);
        IdentityEvent stranger = Fixtures.sighting(org, "f-u1", null, berlin("2026-03-10T10:00:00"), 0.2, 0.9);
        IdentityEvent b2 = Fixtures.sighting(org, "f-b2", "bob", berlin("2026-03-10T09:30:00"), 0.6, 0.9);
        IdentityEvent b1 = Fixtures.sighting(org, "f-b1", "bob", berlin("2026-03-10T09:05:00"), 0.6, 0.9);
        // either side of local midnight, and the same UTC day: two local days
        IdentityEvent c1 = Fixtures.sighting(org, "f-c1", "carol", berlin("2026-03-10T23:30:00"), 0.6, 0.9);
        IdentityEvent c2 = Fixtures.sighting(org, "f-c2", "carol", berlin("2026-03-11T00:30:00"), 0.6, 0.9);
        List<IdentityEvent> stream = List.of(a1, a1, a2, stranger, b2, a3, weak, b1, spoof, c1, a1, c2);
        double duplicatesBefore = outcome("duplicate");

        Fixtures.send(kafka, stream.subList(0, 6));
        Fixtures.sendRaw(kafka, Topics.IDENTITY_EVENTS, org + "/alice", "{broken".getBytes(StandardCharsets.UTF_8));
        Fixtures.send(kafka, stream.subList(6, stream.size()));

        Await.until(() -> Fixtures.count(postgres, "SELECT count(*) FROM attendance.sighting WHERE org_id = ?", org) == 7
                && Fixtures.count(postgres, "SELECT count(*) FROM attendance.record WHERE org_id = ? AND check_out IS NOT NULL", org) == 2
                && outcome("duplicate") - duplicatesBefore >= 2, Duration.ofSeconds(60), "all events applied");
        List<Map<String, Object>> rows = Fixtures.records(postgres, org);
        assertEquals(4, rows.size(), rows.toString());
        assertRecord(rows.get(0), "alice", "2026-03-10", a1.capturedAt(), a3.capturedAt(), false, true);
        assertRecord(rows.get(1), "bob", "2026-03-10", b1.capturedAt(), b2.capturedAt(), false, true);
        assertRecord(rows.get(2), "carol", "2026-03-10", c1.capturedAt(), null, true, false);
        assertRecord(rows.get(3), "carol", "2026-03-11", c2.capturedAt(), null, false, false);
        assertTrue(outcome("rejected_unknown") >= 1 && outcome("rejected_similarity") >= 1 && outcome("rejected_liveness") >= 1);
        assertTrue(registry.find("rollcall_events_malformed").counter().count() >= 1);

        List<AttendanceEvent> published = new ArrayList<>();
        try (var reader = Fixtures.attendanceReader(kafka)) {
            Await.until(() -> Fixtures.drain(reader, published, Duration.ofMillis(500)).stream()
                    .filter(e -> e.orgId().equals(org)).count() >= 6, Duration.ofSeconds(30), "attendance events");
            Map<String, List<AttendanceEvent.Type>> byPerson = published.stream().filter(e -> e.orgId().equals(org))
                    .collect(Collectors.groupingBy(AttendanceEvent::personId,
                            Collectors.mapping(AttendanceEvent::type, Collectors.toList())));
            assertEquals(List.of(AttendanceEvent.Type.CHECK_IN, AttendanceEvent.Type.CHECK_OUT), byPerson.get("alice"));
            // bob's late-arriving earlier sighting re-publishes the corrected check-in
            assertEquals(List.of(AttendanceEvent.Type.CHECK_IN, AttendanceEvent.Type.CHECK_IN), byPerson.get("bob"));
            assertEquals(List.of(AttendanceEvent.Type.CHECK_IN, AttendanceEvent.Type.CHECK_IN), byPerson.get("carol"));
        }
    }

    /**
     * Issue 19: "the import's employee id never reaches events". A person's face template carries
     * their employee id; their check-in event (and their erasure's) carries it on to integrators,
     * while someone without one gets null.
     */
    @Test
    void aTemplatesEmployeeIdReachesThePersonsAttendanceEvents() throws Exception {
        String org = "org-employee-ids";
        policy(org);
        FaceTemplate t = new FaceTemplate(FaceTemplate.VERSION, org, "gus", "t-gus", "fr_feature@test", new float[] {0.6f, 0.8f},
                0.9, Instant.now(), "E-2001");
        Fixtures.sendRaw(kafka, Topics.FACE_TEMPLATES, t.key(), Fixtures.CODEC.encode(t));
        Await.until(() -> Fixtures.count(postgres, "SELECT count(*) FROM attendance.roster_template WHERE org_id = ? AND external_id = 'E-2001'",
                org) == 1, Duration.ofSeconds(30), "the roster knows gus's employee id");
        Fixtures.send(kafka, List.of(Fixtures.sighting(org, "f-gus-1", "gus", berlin("2026-03-16T08:50:00"), 0.8, 0.9),
                Fixtures.sighting(org, "f-hal-1", "hal", berlin("2026-03-16T08:52:00"), 0.8, 0.9)));
        List<AttendanceEvent> events = new ArrayList<>();
        Await.until(() -> {
            events.clear();
            events.addAll(Fixtures.attendanceEvents(Topics.organizationAttendance(org), kafka.clientSettings()));
            return events.stream().filter(e -> e.type() == AttendanceEvent.Type.CHECK_IN).count() == 2;
        }, Duration.ofSeconds(30), "both check-ins published");
        Map<String, String> employeeIds = new HashMap<>();
        events.forEach(e -> employeeIds.put(e.personId(), String.valueOf(e.externalId())));
        assertEquals(Map.of("gus", "E-2001", "hal", "null"), employeeIds);
    }

    /**
     * An erasure from identity (an event on rollcall.erasures.v1) removes the person's records and
     * sightings and is confirmed with what was removed; the same identity events delivered again
     * afterwards (a replay, an event in flight) bring nothing back, although the sightings that
     * de-duplicated them are gone.
     */
    @Test
    void anErasureIsAppliedAndConfirmedAndAReplayBringsNothingBack() throws Exception {
        String org = "org-erasure";
        policy(org);
        List<IdentityEvent> eve = List.of(
                Fixtures.sighting(org, "f-eve-1", "eve", berlin("2026-03-13T08:50:00"), 0.8, 0.9),
                Fixtures.sighting(org, "f-eve-2", "eve", berlin("2026-03-13T17:10:00"), 0.8, 0.9));
        Fixtures.send(kafka, eve);
        Await.until(() -> Fixtures.count(postgres, "SELECT count(*) FROM attendance.record WHERE org_id = ? AND check_out IS NOT NULL", org) == 1,
                Duration.ofSeconds(30), "eve checked in and out");

        Erasure erasure = new Erasure(Erasure.VERSION, "er-eve", org, "eve", true, Instant.now());
        Fixtures.sendRaw(kafka, Topics.ERASURES, erasure.key(), Fixtures.CODEC.encode(erasure));
        ErasureConfirmation done = Fixtures.confirmation(kafka, erasure.erasureId(), "attendance", Duration.ofSeconds(30));
        assertEquals(1L, done.removed().get("records"), done.toString());
        assertEquals(2L, done.removed().get("sightings"), done.toString());
        assertEquals(0, Fixtures.count(postgres, "SELECT count(*) FROM attendance.record WHERE org_id = ?", org));
        assertEquals(0, Fixtures.count(postgres, "SELECT count(*) FROM attendance.sighting WHERE org_id = ?", org));
        // issue 19: integrators hold copies of eve's records; the organization's topic tells them
        List<AttendanceEvent> onOrgTopic = new ArrayList<>();
        Await.until(() -> {
            onOrgTopic.clear();
            onOrgTopic.addAll(Fixtures.attendanceEvents(Topics.organizationAttendance(org), kafka.clientSettings()));
            return onOrgTopic.stream().anyMatch(e -> e.type() == AttendanceEvent.Type.PERSON_ERASED);
        }, Duration.ofSeconds(30), "a PERSON_ERASED event on the organization's topic");
        AttendanceEvent erased = onOrgTopic.stream().filter(e -> e.type() == AttendanceEvent.Type.PERSON_ERASED).findFirst().orElseThrow();
        assertEquals("eve", erased.personId());
        assertEquals("face data and attendance records erased", erased.reason());
        assertNull(erased.day());
        assertEquals(AttendanceEvent.Type.PERSON_ERASED, onOrgTopic.get(onOrgTopic.size() - 1).type(), "the erasure comes last");

        double erasedBefore = outcome("rejected_erased");
        Fixtures.send(kafka, eve);
        Await.until(() -> outcome("rejected_erased") - erasedBefore >= 2, Duration.ofSeconds(30), "the replayed events refused");
        assertEquals(0, Fixtures.count(postgres, "SELECT count(*) FROM attendance.record WHERE org_id = ?", org));
        assertEquals(0, Fixtures.count(postgres, "SELECT count(*) FROM attendance.sighting WHERE org_id = ?", org));
        // a sighting captured after the erasure (the person came back, enrolled again) counts as usual
        Fixtures.send(kafka, List.of(Fixtures.sighting(org, "f-eve-3", "eve", Instant.now(), 0.8, 0.9)));
        Await.until(() -> Fixtures.count(postgres, "SELECT count(*) FROM attendance.record WHERE org_id = ?", org) == 1,
                Duration.ofSeconds(30), "a new check-in after the erasure");
    }

    /**
     * Kafka itself keeps organizations apart: each organization's events also go to its own topic,
     * and its integrator's user (KafkaAccess.integrator) reads that topic and is refused the other
     * organization's and the shared one.
     */
    @Test
    void anIntegratorReadsItsOwnOrganizationsEventsAndIsRefusedAnothers() throws Exception {
        String orgA = "org-integrator-a";
        String orgB = "org-integrator-b";
        policy(orgA);
        policy(orgB);
        Fixtures.send(kafka, List.of(
                Fixtures.sighting(orgA, "f-integrator-a1", "ann", berlin("2026-03-12T08:55:00"), 0.8, 0.9),
                Fixtures.sighting(orgB, "f-integrator-b1", "ben", berlin("2026-03-12T08:56:00"), 0.8, 0.9)));
        Map<String, Object> integratorA = kafka.integratorSettings(orgA);
        List<AttendanceEvent> seen = new ArrayList<>();
        Await.until(() -> {
            seen.clear();
            seen.addAll(Fixtures.attendanceEvents(Topics.organizationAttendance(orgA), integratorA));
            return !seen.isEmpty();
        }, Duration.ofSeconds(30), "org A's integrator reads org A's check-in");
        assertTrue(seen.stream().allMatch(e -> e.orgId().equals(orgA) && e.personId().equals("ann")), seen.toString());
        // org B's check-in was published too (the test's own user sees it), but not to org A's integrator
        Await.until(() -> !Fixtures.attendanceEvents(Topics.organizationAttendance(orgB), kafka.clientSettings()).isEmpty(),
                Duration.ofSeconds(30), "org B's check-in on org B's topic");
        for (String other : List.of(Topics.organizationAttendance(orgB), Topics.ATTENDANCE)) {
            var refused = assertThrows(org.apache.kafka.common.errors.TopicAuthorizationException.class,
                    () -> Fixtures.attendanceEvents(other, integratorA), other);
            assertTrue(refused.unauthorizedTopics().contains(other), refused.toString());
        }
    }

    /**
     * The fault: a consumer that applied events in the database crashes before it commits their
     * offsets. A consumer in the same group then gets the same records again from Kafka (the
     * committed offset), and the ledger must turn each into a no-op: no record changes and no
     * attendance event is published twice. The events go to a topic of their own so that only
     * this consumer (not the service's channel) applies them.
     */
    @Test
    void aCrashBetweenTheDatabaseCommitAndTheOffsetCommitDuplicatesNothing() throws Exception {
        String org = "org-crash";
        policy(org);
        String topic = "test.crash.identity-events";
        // one partition: the order of application is the order sent
        kafka.admin().createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
        List<IdentityEvent> stream = List.of(
                Fixtures.sighting(org, "f-e1", "erin", berlin("2026-03-10T08:50:00"), 0.8, 0.9),
                Fixtures.sighting(org, "f-e2", "erin", berlin("2026-03-10T12:00:00"), 0.8, 0.9),
                Fixtures.sighting(org, "f-f2", "frank", berlin("2026-03-10T09:40:00"), 0.8, 0.9),
                Fixtures.sighting(org, "f-f1", "frank", berlin("2026-03-10T09:20:00"), 0.8, 0.9),
                Fixtures.sighting(org, "f-e3", "erin", berlin("2026-03-10T17:30:00"), 0.8, 0.9));
        Fixtures.send(kafka, topic, stream);

        // first consumer: applies all five (database commits), then dies without committing offsets
        List<Ledger.Outcome> first = Fixtures.applyInGroup(kafka, topic, "crash-group", stream.size(), ledger::apply, false);
        assertEquals(List.of(Ledger.Outcome.CHECKED_IN, Ledger.Outcome.CHECKED_OUT, Ledger.Outcome.CHECKED_IN,
                Ledger.Outcome.CHECKED_IN, Ledger.Outcome.CHECKED_OUT), first);
        List<Map<String, Object>> rows = Fixtures.records(postgres, org);
        assertEquals(2, rows.size(), rows.toString());
        Await.until(() -> Fixtures.attendanceEvents(kafka, org).size() == 5, Duration.ofSeconds(30), "five attendance events");

        // the restarted consumer gets every record again from the last committed offset (none)
        List<Ledger.Outcome> again = Fixtures.applyInGroup(kafka, topic, "crash-group", stream.size(), ledger::apply, true);
        assertEquals(List.of(Ledger.Outcome.DUPLICATE, Ledger.Outcome.DUPLICATE, Ledger.Outcome.DUPLICATE,
                Ledger.Outcome.DUPLICATE, Ledger.Outcome.DUPLICATE), again);
        assertEquals(rows, Fixtures.records(postgres, org), "redelivery changed a record");
        assertEquals(0, Fixtures.count(postgres, "SELECT count(*) FROM attendance.outbox WHERE event_key LIKE ? || '/%'", org),
                "redelivery queued attendance events");
        assertEquals(5, Fixtures.attendanceEvents(kafka, org).size(), "redelivery published attendance events");
        // and once committed, a third start gets nothing
        assertEquals(List.of(), Fixtures.applyInGroup(kafka, topic, "crash-group", 0, ledger::apply, true));
    }

    @Test
    void aSitesTimeZoneFromThePortalsCameraRegistryDecidesItsLocalDay() throws Exception {
        String org = "org-tokyo";
        // the portal publishes the camera with its site's zone; the organization's policy says nothing about the site
        Fixtures.sendRaw(kafka, Topics.CAMERAS, "cam-tokyo", Fixtures.CODEC_PUBLIC.encode(new CameraDefinition(1,
                "cam-tokyo", org, "site-tokyo", "Tokyo door", CameraDefinition.Kind.BROWSER, null, 5, true,
                Instant.now(), "Asia/Tokyo")));
        Await.until(() -> ZoneId.of("Asia/Tokyo").equals(zones.of(org).get("site-tokyo")), Duration.ofSeconds(30),
                "the camera registry has the Tokyo site");
        Instant t = Instant.parse("2026-03-12T16:30:00Z"); // 01:30 on the 13th in Tokyo
        IdentityEvent e = new IdentityEvent(1, IdentityEvent.eventId("f-tokyo", 0), org, "site-tokyo", "cam-tokyo", "f-tokyo", 0, t,
                t.plusMillis(30), "kenji", 0.8, 0.3, 0.9, new BoundingBox(1, 1, 50, 50), "fr_feature", "t", null);
        Fixtures.send(kafka, List.of(e));
        Await.until(() -> Fixtures.count(postgres, "SELECT count(*) FROM attendance.record WHERE org_id = ?", org) == 1,
                Duration.ofSeconds(30), "the Tokyo record");
        assertEquals(LocalDate.parse("2026-03-13"), Fixtures.records(postgres, org).get(0).get("day"));
    }

    @Test
    void theConsumerWaitsForTheDatabaseAndLosesNothing() throws Exception {
        String org = "org-outage";
        policy(org);
        Instant t = berlin("2026-03-12T08:00:00");
        long retriesBefore = writer.retries();
        postgres.cutOff(true);
        try {
            Fixtures.send(kafka, List.of(Fixtures.sighting(org, "f-d1", "dave", t, 0.7, 0.9),
                    Fixtures.sighting(org, "f-d2", "dave", t.plusSeconds(3600), 0.7, 0.9)));
            given().get("/q/health/ready").then().statusCode(503);
            // the consumer is retrying the write (not skipping it): the retry counter moves while the database is away
            Await.until(() -> writer.retries() - retriesBefore >= 2, Duration.ofSeconds(60), "write retried while cut off");
        } finally {
            postgres.cutOff(false);
        }
        Await.until(() -> Fixtures.count(postgres, "SELECT count(*) FROM attendance.record WHERE org_id = ? AND check_out IS NOT NULL", org) == 1,
                Duration.ofSeconds(60), "record after the database came back");
        assertTrue(registry.find("rollcall_db_write_retries").functionCounter().count() >= 2, "retries exported as a metric");
        Map<String, Object> row = Fixtures.records(postgres, org).get(0);
        assertRecord(row, "dave", "2026-03-12", t, t.plusSeconds(3600), false, true);
    }

    private static void assertRecord(Map<String, Object> row, String person, String day, Instant in, Instant out,
            boolean late, boolean early) {
        assertEquals(person, row.get("person"));
        assertEquals(LocalDate.parse(day), row.get("day"), person + " day");
        assertEquals(in, row.get("checkIn"), person + " check-in");
        if (out == null) {
            assertNull(row.get("checkOut"), person + " check-out");
        } else {
            assertEquals(out, row.get("checkOut"), person + " check-out");
        }
        assertEquals(late, row.get("late"), person + " late");
        assertEquals(early, row.get("earlyLeave"), person + " early leave");
    }

    private double outcome(String outcome) {
        var c = registry.find("rollcall_identity_events").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    /**
     * Poison: an identity event that is not one, and one the database refuses (a NUL character in
     * a text column), go to the dead-letter topic with where they came from and why; the events
     * behind them are applied, and the service stays ready.
     */
    @Test
    void poisonEventsAreSetAsideOnTheDeadLetterTopicAndTheStreamGoesOn() throws Exception {
        String org = "org-poison";
        policy(org);
        double before = deadLetters.count();
        Instant t = berlin("2026-03-13T08:00:00");
        Fixtures.sendRaw(kafka, Topics.IDENTITY_EVENTS, org + "/mallory", "{\"not\": \"an identity event\"".getBytes(StandardCharsets.UTF_8));
        Fixtures.send(kafka, List.of(Fixtures.sighting(org, "f-p1", "nul\u0000person", t, 0.8, 0.9),
                Fixtures.sighting(org, "f-p2", "gina", t, 0.8, 0.9)));
        Await.until(() -> Fixtures.count(postgres, "SELECT count(*) FROM attendance.record WHERE org_id = ?", org) == 1,
                Duration.ofSeconds(60), "the event behind the poison applied");
        Await.until(() -> deadLetters.count() == before + 2, Duration.ofSeconds(60), "two dead letters");
        Map<String, String> reasons = new HashMap<>();
        try (var c = new KafkaConsumer<>(kafka.clientSettings(), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition(Topics.IDENTITY_EVENTS_DEAD_LETTERS, 0));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (c.position(parts.get(0)) < end.get(parts.get(0))) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith(org + "/")) {
                        String reason = new String(r.headers().lastHeader("rc-dead-letter-reason").value(), StandardCharsets.UTF_8);
                        String origin = new String(r.headers().lastHeader("rc-dead-letter-origin").value(), StandardCharsets.UTF_8);
                        assertTrue(origin.startsWith(Topics.IDENTITY_EVENTS + "-"), origin);
                        reasons.put(r.key(), reason);
                    }
                }
            }
        }
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.get(org + "/mallory").startsWith("malformed:"), reasons.toString());
        assertTrue(reasons.get(org + "/nul\u0000person").startsWith("refused:"), reasons.toString());
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * Two replicas publish the outbox (a second publisher here, with its own producer, as a second
     * replica has): 400 events of four people queued at once, two batches' worth, reach the topic
     * with each person's events in the order they were queued.
     */
    @Test
    void twoReplicasPublishingTheOutboxKeepEachPersonsOrder() throws Exception {
        String org = "org-order";
        List<String> people = List.of("p1", "p2", "p3", "p4");
        Instant t0 = berlin("2026-03-16T08:00:00");
        OutboxPublisher second = new OutboxPublisher(em, attendanceConfig, kafkaSettings, new SimpleMeterRegistry());
        second.start(null);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < 100; i++) {
                    for (String p : people) {
                        outbox.add(new AttendanceEvent(1, UUID.randomUUID().toString(),
                                i == 0 ? AttendanceEvent.Type.CHECK_IN : AttendanceEvent.Type.CHECK_OUT, org, p, "site-1", "cam-1",
                                LocalDate.parse("2026-03-16"), "UTC", t0, i == 0 ? null : t0.plusSeconds(60L * i), false, false, null, null,
                                Instant.now()));
                    }
                }
            });
            publisher.wakeUp();
            second.wakeUp();
            Await.until(() -> Fixtures.attendanceEvents(kafka, org).size() >= 400, Duration.ofSeconds(60), "400 events published");
        } finally {
            second.stop(null);
        }
        List<AttendanceEvent> events = Fixtures.attendanceEvents(kafka, org);
        assertEquals(400, events.size(), "an event was published twice or lost");
        for (String p : people) {
            List<AttendanceEvent> mine = events.stream().filter(e -> e.personId().equals(p)).toList();
            assertEquals(AttendanceEvent.Type.CHECK_IN, mine.get(0).type(), p + " first");
            for (int i = 2; i < mine.size(); i++) {
                assertTrue(mine.get(i).checkOut().isAfter(mine.get(i - 1).checkOut()),
                        p + ": event " + i + " (" + mine.get(i).checkOut() + ") after " + mine.get(i - 1).checkOut());
            }
        }
    }

    private static List<IdentityEvent> arrivals(String org, String prefix, int from, int to, Instant at) {
        List<IdentityEvent> out = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Fixtures.sighting(org, prefix + "-f" + i, prefix + "-person-" + i, at.plusSeconds(i), 0.8, 0.9));
        }
        return out;
    }

    /**
     * Every person of the organization checked in exactly once, in the database and on the topic.
     * The topic is at-least-once by contract (asyncapi.yaml: de-duplicate on eventId): a crash
     * between the broker's acknowledgement and the outbox row's deletion sends the same event
     * again, identical. So: one CHECK_IN event id per person, and every copy of an id identical.
     */
    private void exactlyOneCheckInEach(String org, int people) throws Exception {
        Await.until(() -> Fixtures.count(postgres, "SELECT count(*) FROM attendance.record WHERE org_id = ?", org) == people,
                Duration.ofSeconds(90), people + " records");
        Await.until(() -> Fixtures.attendanceEvents(kafka, org).stream().map(AttendanceEvent::personId).distinct().count() >= people,
                Duration.ofSeconds(60), people + " people's attendance events");
        List<AttendanceEvent> events = Fixtures.attendanceEvents(kafka, org);
        Map<String, AttendanceEvent> byId = new HashMap<>();
        for (AttendanceEvent e : events) {
            AttendanceEvent first = byId.putIfAbsent(e.eventId(), e);
            assertTrue(first == null || first.equals(e), "event " + e.eventId() + " published with different content");
        }
        assertEquals(people, byId.size(), "distinct attendance events " + byId.values());
        assertEquals(people, byId.values().stream().map(AttendanceEvent::personId).distinct().count(), "a person's CHECK_IN twice");
        assertTrue(byId.values().stream().allMatch(e -> e.type() == AttendanceEvent.Type.CHECK_IN));
    }

    /**
     * PostgreSQL crashes (stopped immediately: no shutdown checkpoint) and comes back while identity
     * events stream in: the consumer waits instead of skipping or failing, and every event sent
     * before, during and after is applied exactly once.
     */
    @Test
    void postgresCrashingAndComingBackUnderLoadLosesAndDoublesNothing() throws Exception {
        String org = "org-pg-crash";
        policy(org);
        Instant t = berlin("2026-03-17T08:00:00");
        Fixtures.send(kafka, arrivals(org, "pg", 0, 10, t));
        postgres.stopServer();
        try {
            Fixtures.send(kafka, arrivals(org, "pg", 10, 20, t));
            given().get("/q/health/ready").then().statusCode(503);
        } finally {
            postgres.startServer();
        }
        Fixtures.send(kafka, arrivals(org, "pg", 20, 30, t));
        exactlyOneCheckInEach(org, 30);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * The broker restarts while identity events are being applied and attendance events
     * published: consumers and the outbox reconnect, and nothing is lost or published twice.
     */
    @Test
    void aBrokerRestartUnderLoadLosesAndDoublesNothing() throws Exception {
        String org = "org-broker-restart";
        policy(org);
        Instant t = berlin("2026-03-18T08:00:00");
        Fixtures.send(kafka, arrivals(org, "kb", 0, 20, t));
        kafka.restartBroker();
        Fixtures.send(kafka, arrivals(org, "kb", 20, 40, t));
        exactlyOneCheckInEach(org, 40);
    }
}
