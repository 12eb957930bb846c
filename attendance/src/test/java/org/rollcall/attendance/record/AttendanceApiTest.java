package org.rollcall.attendance.record;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rollcall.attendance.Fixtures;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.Revocation;
import org.rollcall.events.Topics;
import org.rollcall.testkit.Await;
import org.rollcall.testkit.ContractExamples;
import org.rollcall.testkit.InjectKafka;
import org.rollcall.testkit.InjectPostgres;
import org.rollcall.testkit.InjectTokens;
import org.rollcall.testkit.JwtTestResource;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.KafkaTestResource;
import org.rollcall.testkit.Postgres;
import org.rollcall.testkit.PostgresTestResource;
import org.rollcall.testkit.TestTokens;

/** The REST API: tenant isolation, member scoping, token checks, manual entries, audit, CSV, erasure. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = true)
class AttendanceApiTest {
    static final String ORG_A = "org-a";
    static final String ORG_B = "org-b";
    static final String BASE = "/api/v1/attendance";

    @InjectKafka
    KafkaBroker kafka;
    @InjectPostgres
    Postgres postgres;
    @InjectTokens
    TestTokens tokens;
    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    String adminA;
    String adminB;

    @BeforeEach
    void tokens() {
        adminA = tokens.token("admin-a", ORG_A, "admin");
        adminB = tokens.token("admin-b", ORG_B, "admin");
    }

    private long manual(String token, String person, String day, String in, String out) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("personId", person, "siteId", "hq", "day", day,
                "checkIn", in, "reason", "badge reader down"));
        body.put("checkOut", out);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post(BASE + "/manual").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /**
     * Finding (medium, issue 16): sign-out and disabling a user took effect in identity only;
     * attendance accepted the token until it expired. Identity now publishes revocations, which
     * attendance follows.
     */
    @Test
    void aSignedOutTokenAndADisabledUsersTokensAreRefusedBeforeTheyExpire() throws Exception {
        String signedOut = tokens.token("admin-a", ORG_A, "admin");
        String sameUserOtherSession = tokens.token("admin-a", ORG_A, "admin");
        String ofDisabled = tokens.token("member-gone", ORG_A, "member");
        given().auth().oauth2(signedOut).get(BASE).then().statusCode(200);
        given().auth().oauth2(ofDisabled).get(BASE).then().statusCode(200);

        Revocation logout = Revocation.token(TestTokens.claim(signedOut, "jti"), java.time.Instant.now().plusSeconds(600));
        Fixtures.sendRaw(kafka, Topics.REVOCATIONS, logout.key(), Fixtures.CODEC.encode(logout));
        Revocation disabled = Revocation.subject("member-gone", java.time.Instant.now(), Duration.ofMinutes(15));
        Fixtures.sendRaw(kafka, Topics.REVOCATIONS, disabled.key(), Fixtures.CODEC.encode(disabled));

        Await.until(() -> given().auth().oauth2(signedOut).get(BASE).statusCode() == 401, Duration.ofSeconds(20),
                "the signed-out token refused");
        Await.until(() -> given().auth().oauth2(ofDisabled).get(BASE).statusCode() == 401, Duration.ofSeconds(20),
                "the disabled user's token refused");
        given().auth().oauth2(signedOut).get(BASE).then().statusCode(401).body("reason", equalTo("token_revoked"));
        // only that session ended: the same user's other token still works
        given().auth().oauth2(sameUserOtherSession).get(BASE).then().statusCode(200);
    }


    /**
     * Finding (medium, issue 16): "identity and attendance share one database role, which can also
     * bypass the append-only audit trigger". The service now runs as its own role: it reads the
     * audit trail and adds to it, and every way around the trigger is refused to it, while the same
     * statements work for the schema's owner (who only migrates).
     */
    @Test
    void theServicesDatabaseRoleCannotGetAroundTheAuditTrail() throws Exception {
        manual(adminA, "p-audit", "2026-03-02", "2026-03-02T08:00:00Z", null);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            assertEquals("rollcall_attendance", rs.getString(1), "the service's own connections");
        }
        try (Connection c = postgres.connectAs("rollcall_attendance"); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT count(*) FROM attendance.audit")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, "it reads the trail");
            }
            for (String attack : List.of("ALTER TABLE attendance.audit DISABLE TRIGGER audit_append_only", "TRUNCATE attendance.audit",
                    "UPDATE attendance.audit SET actor = 'someone else'",
                    "DROP TABLE attendance.record", "ALTER TABLE attendance.record ADD COLUMN x int")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(attack), attack);
                assertEquals("42501", e.getSQLState(), attack + ": " + e.getMessage());
            }
            // deleting is left to the trigger, which allows it only inside a person's erasure
            SQLException e = assertThrows(SQLException.class, () -> s.execute("DELETE FROM attendance.audit"));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            // the owner can: the refusals above are the role's, not a broken statement
            s.execute("ALTER TABLE attendance.audit DISABLE TRIGGER audit_append_only");
            s.execute("ALTER TABLE attendance.audit ENABLE TRIGGER audit_append_only");
        }
    }

    @Test
    void tokensMustBeValidSignedForUsAndUnexpired() {
        given().get(BASE).then().statusCode(401);
        given().auth().oauth2(tokens.expired("admin-a", ORG_A, "admin")).get(BASE).then().statusCode(401);
        given().auth().oauth2(tokens.wronglySigned("admin-a", ORG_A, "admin")).get(BASE).then().statusCode(401);
        given().auth().oauth2(tokens.wrongAudience("admin-a", ORG_A, "admin")).get(BASE).then().statusCode(401);
        given().auth().oauth2(tokens.algNone("admin-a", ORG_A, "admin")).get(BASE).then().statusCode(401);
        given().auth().oauth2("not.a.token").get(BASE).then().statusCode(401);
        // valid, but a role that may not write
        given().auth().oauth2(tokens.token("m", ORG_A, "member")).contentType(ContentType.JSON).body("{}")
                .post(BASE + "/manual").then().statusCode(403);
        given().auth().oauth2(adminA).get(BASE).then().statusCode(200);
    }

    /** Issue 19: every error is RFC 9457 problem details with a stable type, the framework's own too. */
    @Test
    void everyErrorIsProblemDetails() {
        String problem = "application/problem+json";
        given().get(BASE).then().statusCode(401).contentType(problem).header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:rollcall:problem:unauthorized")).body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        given().auth().oauth2(tokens.wronglySigned("admin-a", ORG_A, "admin")).get(BASE).then().statusCode(401).contentType(problem)
                .body("type", equalTo("urn:rollcall:problem:unauthorized"));
        given().auth().oauth2(tokens.expired("admin-a", ORG_A, "admin")).get(BASE).then().statusCode(401).contentType(problem);
        given().auth().oauth2(tokens.token("m", ORG_A, "member")).get(BASE + "/summary").then().statusCode(403).contentType(problem)
                .body("type", equalTo("urn:rollcall:problem:forbidden"));
        given().auth().oauth2(adminA).get(BASE + "/999999999").then().statusCode(404).contentType(problem)
                .body("type", equalTo("urn:rollcall:problem:not_found"));
        given().auth().oauth2(adminA).queryParam("from", "yesterday").get(BASE).then().statusCode(400).contentType(problem)
                .body("type", equalTo("urn:rollcall:problem:invalid_request")).body("detail", containsString("from must be a date"));
        given().auth().oauth2(adminA).contentType(ContentType.JSON).body("{").post(BASE + "/manual").then().statusCode(400)
                .contentType(problem).body("status", equalTo(400));
    }

    @Test
    void membersSeeThemselvesAndAdminsSeeOnlyTheirOrganization() {
        long alice = manual(adminA, "alice", "2026-04-01", "2026-04-01T08:00:00Z", "2026-04-01T16:00:00Z");
        long bob = manual(adminA, "bob", "2026-04-01", "2026-04-01T08:30:00Z", "2026-04-01T16:30:00Z");
        String aliceToken = tokens.token("alice", ORG_A, "member");
        given().auth().oauth2(aliceToken).queryParam("from", "2026-04-01").queryParam("to", "2026-04-01").get(BASE)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].personId", equalTo("alice"));
        // asking for bob explicitly still yields only alice
        given().auth().oauth2(aliceToken).queryParam("from", "2026-04-01").queryParam("to", "2026-04-01")
                .queryParam("personId", "bob").get(BASE).then().statusCode(200).body("items.personId", equalTo(List.of("alice")));
        given().auth().oauth2(aliceToken).get(BASE + "/" + bob).then().statusCode(404);
        given().auth().oauth2(aliceToken).get(BASE + "/" + alice).then().statusCode(200);
        given().auth().oauth2(adminA).queryParam("from", "2026-04-01").queryParam("to", "2026-04-01").get(BASE)
                .then().body("items", hasSize(2)).body("total", equalTo(2));

        // org B's admin: nothing of org A, by listing or by guessing ids (404, not 403)
        given().auth().oauth2(adminB).queryParam("from", "2026-04-01").queryParam("to", "2026-04-01").get(BASE)
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(adminB).get(BASE + "/" + alice).then().statusCode(404);
        given().auth().oauth2(adminB).get(BASE + "/" + alice + "/audit").then().statusCode(404);
        given().auth().oauth2(adminB).contentType(ContentType.JSON)
                .body(Map.of("checkIn", "2026-04-01T07:00:00Z", "reason", "x")).post(BASE + "/" + alice + "/corrections")
                .then().statusCode(404);
        assertEquals(CsvExport.HEADER + "\r\n", given().auth().oauth2(adminB).queryParam("from", "2026-04-01")
                .queryParam("to", "2026-04-01").get(BASE + "/export.csv").then().statusCode(200).extract().asString());
        given().auth().oauth2(adminB).delete(BASE + "/people/alice").then().statusCode(200).body("erasedRecords", equalTo(0));
        given().auth().oauth2(adminA).get(BASE + "/" + alice).then().statusCode(200);
    }

    /**
     * Issue 19: API keys carry scopes. attendance:read reads the organization (never another's);
     * without it an integrator token reads nothing (403); attendance:write adds manual entries,
     * audited under the key; neither scope corrects records or changes the rules.
     */
    @Test
    void anApiKeysScopesDecideWhatItsTokenMayDo() {
        long dave = manual(adminA, "dave", "2026-04-21", "2026-04-21T08:00:00Z", "2026-04-21T16:00:00Z");
        String reader = tokens.token("apikey:key-r", ORG_A, "integrator", "attendance:read");
        String peopleOnly = tokens.token("apikey:key-p", ORG_A, "integrator", "people:read");
        String writer = tokens.token("apikey:key-w", ORG_A, "integrator", "attendance:write");
        given().auth().oauth2(reader).queryParam("from", "2026-04-21").queryParam("to", "2026-04-21").get(BASE)
                .then().statusCode(200).body("items.personId", equalTo(List.of("dave")));
        given().auth().oauth2(reader).get(BASE + "/" + dave).then().statusCode(200);
        given().auth().oauth2(reader).queryParam("day", "2026-04-21").get(BASE + "/summary").then().statusCode(200);
        given().auth().oauth2(tokens.token("apikey:key-rb", ORG_B, "integrator", "attendance:read")).get(BASE + "/" + dave)
                .then().statusCode(404);
        for (String path : List.of("", "/" + dave, "/summary", "/daily", "/export.csv")) {
            given().auth().oauth2(peopleOnly).get(BASE + path).then().statusCode(403).body("reason", equalTo("forbidden"));
            given().auth().oauth2(writer).get(BASE + path).then().statusCode(403);
        }
        Map<String, String> entry = Map.of("personId", "erin", "siteId", "hq", "day", "2026-04-21", "checkIn", "2026-04-21T09:00:00Z",
                "reason", "badge reader was down");
        given().auth().oauth2(reader).contentType(ContentType.JSON).body(entry).post(BASE + "/manual").then().statusCode(403);
        long erin = given().auth().oauth2(writer).contentType(ContentType.JSON).body(entry).post(BASE + "/manual")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(adminA).get(BASE + "/" + erin + "/audit").then().statusCode(200)
                .body("[0].actor", equalTo("apikey:key-w")).body("[0].reason", equalTo("badge reader was down"));
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("checkIn", "2026-04-21T08:00:00Z", "reason", "x"))
                .post(BASE + "/" + erin + "/corrections").then().statusCode(403);
        given().auth().oauth2(writer).get("/api/v1/attendance/policy").then().statusCode(403);
    }

    /**
     * Issue 19: lists are walked by cursor. A record added between two pages (newest first, so it
     * lands on page 0) would shift a numbered page and repeat a record; the cursor's page goes on
     * right after the last record seen.
     */
    @Test
    void aCursorWalksTheRecordsWithoutRepeatsWhileRecordsAreAdded() {
        manual(adminA, "cur-1", "2026-05-04", "2026-05-04T08:00:00Z", "2026-05-04T16:00:00Z");
        manual(adminA, "cur-2", "2026-05-05", "2026-05-05T08:00:00Z", "2026-05-05T16:00:00Z");
        manual(adminA, "cur-3", "2026-05-06", "2026-05-06T08:00:00Z", "2026-05-06T16:00:00Z");
        var first = given().auth().oauth2(adminA).queryParam("from", "2026-05-01").queryParam("to", "2026-05-31").queryParam("size", 2)
                .get(BASE).then().statusCode(200).body("items.personId", equalTo(List.of("cur-3", "cur-2"))).body("total", equalTo(3))
                .extract();
        String next = first.path("next");
        assertNotNull(next, "a next page");
        manual(adminA, "cur-4", "2026-05-07", "2026-05-07T08:00:00Z", "2026-05-07T16:00:00Z");
        given().auth().oauth2(adminA).queryParam("from", "2026-05-01").queryParam("to", "2026-05-31").queryParam("size", 2)
                .queryParam("cursor", next).get(BASE).then().statusCode(200)
                .body("items.personId", equalTo(List.of("cur-1"))).body("next", nullValue()).body("total", equalTo(4));
        // the numbered page 1 would have repeated cur-2 (the reason for cursors)
        given().auth().oauth2(adminA).queryParam("from", "2026-05-01").queryParam("to", "2026-05-31").queryParam("size", 2)
                .queryParam("page", 1).get(BASE).then().body("items.personId", equalTo(List.of("cur-2", "cur-1")));
        given().auth().oauth2(adminA).queryParam("cursor", "bm90LWEtY3Vyc29y").get(BASE).then().statusCode(400)
                .body("reason", equalTo("invalid_request")).body("detail", containsString("cursor"));
    }

    @Test
    void correctionsAreAuditedAndPublishedAndTheTrailIsAppendOnly() throws Exception {
        long id = manual(adminA, "carol", "2026-04-02", "2026-04-02T09:00:00Z", "2026-04-02T17:00:00Z");
        given().auth().oauth2(adminA).contentType(ContentType.JSON)
                .body(Map.of("personId", "carol", "day", "2026-04-02", "checkIn", "2026-04-02T09:10:00Z", "reason", "again"))
                .post(BASE + "/manual").then().statusCode(409);
        given().auth().oauth2(adminA).contentType(ContentType.JSON)
                .body(Map.of("checkIn", "2026-04-02T08:45:00Z", "checkOut", "2026-04-02T17:05:00Z", "reason", "arrived with the director"))
                .post(BASE + "/" + id + "/corrections").then().statusCode(200).body("checkIn", equalTo("2026-04-02T08:45:00Z"));
        given().auth().oauth2(adminA).contentType(ContentType.JSON)
                .body(Map.of("checkIn", "2026-04-02T08:45:00Z", "checkOut", "2026-04-02T07:00:00Z", "reason", "typo"))
                .post(BASE + "/" + id + "/corrections").then().statusCode(400).body("reason", equalTo("invalid_request")).body("detail", containsString("before"));
        given().auth().oauth2(adminA).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("action", equalTo(List.of("MANUAL", "CORRECTION")))
                .body("[1].before", containsString("2026-04-02T09:00:00Z"))
                .body("[1].after", containsString("2026-04-02T08:45:00Z"))
                .body("[1].actor", equalTo("admin-a"));
        List<AttendanceEvent> events = new ArrayList<>();
        try (var reader = Fixtures.attendanceReader(kafka)) {
            Await.until(() -> Fixtures.drain(reader, events, Duration.ofMillis(300)).stream()
                    .anyMatch(e -> e.personId().equals("carol") && e.type() == AttendanceEvent.Type.CORRECTION),
                    Duration.ofSeconds(30), "CORRECTION event");
        }
        AttendanceEvent correction = events.stream().filter(e -> e.type() == AttendanceEvent.Type.CORRECTION).findFirst().orElseThrow();
        assertEquals("arrived with the director", correction.reason());
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE attendance.audit SET reason = 'nothing happened'"));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM attendance.audit"));
        }
    }

    /**
     * Issue 19: "today" was the UTC date. A site whose local date is not UTC's (a zone picked so
     * that it differs right now): a check-in there is found by the list, the summary and the CSV
     * without dates, the CSV and the API give its times in the site's zone with the offset.
     */
    @Test
    void withoutDatesEverySiteCountsItsOwnToday() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        java.time.ZoneId zone = java.util.stream.Stream.of("Pacific/Kiritimati", "Pacific/Pago_Pago").map(java.time.ZoneId::of)
                .filter(z -> !java.time.LocalDate.ofInstant(now, z).equals(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)))
                .findFirst().orElseThrow();
        String org = "org-zone";
        String admin = tokens.token("admin-z", org, "admin");
        var policy = given().auth().oauth2(admin).get(BASE + "/policy").then().statusCode(200).extract().jsonPath();
        Map<String, Object> put = new java.util.HashMap<>(Map.of("similarityThreshold", policy.getDouble("similarityThreshold"),
                "cooldownMinutes", 5, "zone", "UTC", "graceMinutes", 0, "siteZones", Map.of("far", zone.getId())));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(put).put(BASE + "/policy").then().statusCode(200);
        String localDay = java.time.LocalDate.ofInstant(now, zone).toString();
        java.time.Instant in = now.minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("personId", "zoe", "siteId", "far", "day", localDay, "checkIn", in.toString(), "reason", "badge reader down"))
                .post(BASE + "/manual").then().statusCode(201).body("zone", equalTo(zone.getId()));

        given().auth().oauth2(admin).get(BASE).then().statusCode(200).body("items.personId", equalTo(List.of("zoe")))
                .body("items[0].day", equalTo(localDay)).body("items[0].zone", equalTo(zone.getId()));
        given().auth().oauth2(admin).get(BASE + "/summary").then().statusCode(200).body("present", equalTo(1));
        given().auth().oauth2(admin).queryParam("siteId", "far").get(BASE + "/summary").then().statusCode(200)
                .body("day", equalTo(localDay)).body("present", equalTo(1));
        String[] csv = given().auth().oauth2(admin).get(BASE + "/export.csv").then().statusCode(200).extract().asString().split("\r\n");
        assertEquals(2, csv.length, String.join("\n", csv));
        String local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(zone).format(in);
        assertTrue(local.endsWith(zone.getRules().getOffset(in).getId()), local);
        assertTrue(csv[1].contains("," + local + ",") && csv[1].endsWith("," + zone.getId()), csv[1]);

        // integrators get the site's local date and its zone in the event
        List<AttendanceEvent> events = new ArrayList<>();
        try (var reader = Fixtures.attendanceReader(kafka)) {
            Await.until(() -> Fixtures.drain(reader, events, Duration.ofMillis(300)).stream().anyMatch(e -> e.personId().equals("zoe")),
                    Duration.ofSeconds(30), "zoe's MANUAL event");
        }
        AttendanceEvent manual = events.stream().filter(e -> e.personId().equals("zoe")).findFirst().orElseThrow();
        assertEquals(zone.getId(), manual.zone());
        assertEquals(localDay, manual.day().toString());
    }

    @Test
    void csvStreamsAndNeutralisesFormulas() {
        manual(adminA, "=HYPERLINK(\"http://evil\",\"x\")", "2026-04-03", "2026-04-03T08:00:00Z", "2026-04-03T12:00:00Z");
        String csv = given().auth().oauth2(adminA).queryParam("from", "2026-04-03").queryParam("to", "2026-04-03")
                .get(BASE + "/export.csv").then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length, csv);
        assertTrue(lines[1].startsWith("2026-04-03,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",hq,"), lines[1]);
        given().auth().oauth2(adminA).queryParam("from", "2026-04-03").queryParam("to", "nope")
                .get(BASE + "/export.csv").then().statusCode(400).body("reason", equalTo("invalid_request")).body("detail", containsString("to must be a date"));
        given().auth().oauth2(adminA).queryParam("size", 100000).get(BASE).then().statusCode(400);
    }

    @Test
    void theSummaryCountsAbsentAgainstTheEnrolledRoster() throws Exception {
        String day = "2026-04-04";
        for (String p : List.of("dora", "emil", "finn")) {
            Fixtures.sendRaw(kafka, Topics.FACE_TEMPLATES, ORG_A + "/" + p + "/t1", new byte[] {1});
        }
        Fixtures.sendRaw(kafka, Topics.FACE_TEMPLATES, ORG_A + "/finn/t1", null);
        Await.until(() -> Fixtures.count(postgres, "SELECT count(*) FROM attendance.roster_template WHERE org_id = ?", ORG_A) == 2,
                Duration.ofSeconds(30), "roster follows templates and tombstones");
        manual(adminA, "dora", day, day + "T10:00:00Z", null);
        given().auth().oauth2(adminA).queryParam("day", day).get(BASE + "/summary").then().statusCode(200)
                .body("present", equalTo(1)).body("enrolled", equalTo(2)).body("absent", equalTo(1));
        given().auth().oauth2(tokens.token("dora", ORG_A, "member")).get(BASE + "/summary").then().statusCode(403);
        given().auth().oauth2(adminA).queryParam("from", "2026-04-03").queryParam("to", "2026-04-05").get(BASE + "/daily")
                .then().statusCode(200).body("find { it.day == '" + day + "' }.present", equalTo(1));
        given().auth().oauth2(adminB).queryParam("from", "2026-04-03").queryParam("to", "2026-04-05").get(BASE + "/daily")
                .then().statusCode(200).body("$", hasSize(0));

        // the contract identity's typed client reads (services/events contracts/): the same fields, no more, no fewer
        String summary = given().auth().oauth2(adminA).queryParam("day", day).get(BASE + "/summary").asString();
        assertEquals(ContractExamples.paths(ContractExamples.example("attendance-summary.json")), ContractExamples.paths(summary));
        String daily = given().auth().oauth2(adminA).queryParam("from", day).queryParam("to", day).get(BASE + "/daily").asString();
        assertEquals(ContractExamples.paths(ContractExamples.example("attendance-daily.json")), ContractExamples.paths(daily));
        String records = given().auth().oauth2(adminA).queryParam("from", day).queryParam("to", day).queryParam("size", 500).get(BASE).asString();
        assertEquals(ContractExamples.paths(ContractExamples.example("attendance-records.json")), ContractExamples.paths(records));
        // the policy, in an organization of its own (its schedule and zone would change org A's days)
        String contractAdmin = tokens.token("admin-c", "org-contract", "admin");
        given().auth().oauth2(contractAdmin).contentType(ContentType.JSON).body(Map.of("similarityThreshold", 0.42, "livenessThreshold", 0.5,
                "cooldownMinutes", 5, "zone", "Europe/Berlin", "scheduleStart", "09:00:00", "scheduleEnd", "17:00:00", "graceMinutes", 10,
                "siteZones", Map.of("site-contract", "Asia/Tokyo"))).put(BASE + "/policy").then().statusCode(200);
        assertEquals(ContractExamples.paths(ContractExamples.example("attendance-policy.json")),
                ContractExamples.paths(given().auth().oauth2(contractAdmin).get(BASE + "/policy").asString()));
        String refused = given().auth().oauth2(adminA).queryParam("from", "not-a-day").get(BASE).then().statusCode(400).extract().asString();
        assertEquals(ContractExamples.paths(ContractExamples.example("recognition-enroll-422.json")), ContractExamples.paths(refused),
                "one error shape for every service");
    }

    @Test
    void aMemberErasesTheirAttendanceAndOnlyAnEraseEntryRemains() throws Exception {
        long id = manual(adminA, "gina", "2026-04-05", "2026-04-05T08:00:00Z", null);
        String gina = tokens.token("gina", ORG_A, "member");
        given().auth().oauth2(tokens.token("hank", ORG_A, "member")).delete(BASE + "/people/gina").then().statusCode(404);
        given().auth().oauth2(gina).queryParam("reason", "leaving").delete(BASE + "/people/gina")
                .then().statusCode(200).body("erasedRecords", equalTo(1));
        given().auth().oauth2(adminA).get(BASE + "/" + id).then().statusCode(404);
        assertEquals(1, Fixtures.count(postgres, "SELECT count(*) FROM attendance.audit WHERE person_id = ?", "gina"));
        assertEquals(1, Fixtures.count(postgres, "SELECT count(*) FROM attendance.audit WHERE action = 'ERASE' AND person_id = ?", "gina"));
    }

    /**
     * Issue 19: the OpenAPI document is public at /q/openapi, lists every operation of every
     * resource of this service, declares the bearer scheme; Swagger UI is served.
     */
    @org.junit.jupiter.api.Test
    void theOpenApiDocumentListsEveryResource() {
        org.rollcall.testkit.OpenApiCoverage.assertListsEveryResource(getClass(), c -> true);
        // issue 19: the operations show examples, and they are the contract files the tests hold the answers to
        org.rollcall.testkit.OpenApiCoverage.assertExample("get", "/api/v1/attendance", "200", "attendance-records.json");
        org.rollcall.testkit.OpenApiCoverage.assertExample("get", "/api/v1/attendance/summary", "200", "attendance-summary.json");
        org.rollcall.testkit.OpenApiCoverage.assertExample("get", "/api/v1/attendance/policy", "200", "attendance-policy.json");
    }
}
