package org.rollcall.attendance.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rollcall.attendance.Fixtures;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.Erasure;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Topics;
import org.rollcall.testkit.Await;
import org.rollcall.testkit.ContractExamples;
import org.rollcall.testkit.InjectKafka;
import org.rollcall.testkit.InjectTokens;
import org.rollcall.testkit.JwtTestResource;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.KafkaTestResource;
import org.rollcall.testkit.PostgresTestResource;
import org.rollcall.testkit.TestTokens;

/**
 * Issue 19: "optional signed webhooks (HMAC, retries with backoff, a delivery log) for integrators
 * without Kafka". A real HTTP receiver in this JVM: it gets every attendance event of its
 * organization signed with the webhook's secret, a failing receiver is retried after growing waits
 * until it answers (or the attempts run out), and the log says what happened.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = WebhookTest.Receiver.class, restrictToAnnotatedClass = true)
class WebhookTest {
    static final String BASE = "/api/v1/attendance";

    /** One request the receiver got. */
    record Received(String path, String eventId, String timestamp, String signature, byte[] body, Instant at) {
    }

    /** The receiver, on 127.0.0.1 (private and http: allowed for this test only), failing as many times as asked first. */
    public static class Receiver implements QuarkusTestResourceLifecycleManager {
        static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
        static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
        static int port;
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", x -> {
                RECEIVED.add(new Received(x.getRequestURI().getPath(), x.getRequestHeaders().getFirst("Rollcall-Event-Id"),
                        x.getRequestHeaders().getFirst("Rollcall-Timestamp"), x.getRequestHeaders().getFirst("Rollcall-Signature"),
                        x.getRequestBody().readAllBytes(), Instant.now()));
                x.sendResponseHeaders(FAILURES_LEFT.getAndDecrement() > 0 ? 500 : 204, -1);
                x.close();
            });
            server.start();
            port = server.getAddress().getPort();
            return Map.of("rollcall.attendance.webhooks.allow-private-networks", "true", "rollcall.attendance.webhooks.allow-http", "true",
                    "rollcall.attendance.webhooks.first-retry-delay", "300ms", "rollcall.attendance.webhooks.max-attempts", "4");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    @InjectTokens
    TestTokens tokens;
    @InjectKafka
    KafkaBroker kafka;

    private String webhook(String admin, String path) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:" + Receiver.port + path))
                .post(BASE + "/webhooks").then().statusCode(201).body("secret", startsWith("whsec_")).extract().asString();
    }

    private String manual(String admin, String person, String day) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("personId", person, "siteId", "hq", "day", day, "checkIn", day + "T08:00:00Z", "reason", "badge reader down"))
                .post(BASE + "/manual").then().statusCode(201).extract().asString();
    }

    private static List<Received> to(String path) {
        return Receiver.RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void eachEventIsSignedAndAFailingReceiverIsRetriedWithGrowingWaitsUntilItAnswers() throws Exception {
        String admin = tokens.token("admin-w", "org-hooks", "admin");
        String answer = webhook(admin, "/ok");
        assertEquals(ContractExamples.paths(ContractExamples.example("attendance-webhook-created.json")), ContractExamples.paths(answer));
        var created = io.restassured.path.json.JsonPath.from(answer);
        String id = created.getString("id");
        String secret = created.getString("secret");
        given().auth().oauth2(admin).get(BASE + "/webhooks").then().statusCode(200)
                .body("id", equalTo(List.of(id))).body("[0].secret", nullValue());
        // another organization's admin sees none of it
        String other = tokens.token("admin-x", "org-other-hooks", "admin");
        given().auth().oauth2(other).get(BASE + "/webhooks").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(other).get(BASE + "/webhooks/" + id + "/deliveries").then().statusCode(404);
        given().auth().oauth2(tokens.token("m", "org-hooks", "member")).get(BASE + "/webhooks").then().statusCode(403);

        Receiver.FAILURES_LEFT.set(2);
        manual(admin, "wendy", "2026-06-01");
        Await.until(() -> to("/ok").size() == 3, Duration.ofSeconds(30), "two failed attempts and a delivered one");
        List<Received> attempts = to("/ok");
        assertTrue(attempts.stream().allMatch(r -> r.eventId().equals(attempts.get(0).eventId())), "one event, three attempts");
        Duration firstWait = Duration.between(attempts.get(0).at(), attempts.get(1).at());
        Duration secondWait = Duration.between(attempts.get(1).at(), attempts.get(2).at());
        assertTrue(firstWait.toMillis() >= 300 && secondWait.toMillis() >= 600, "backoff: " + firstWait + ", then " + secondWait);
        for (Received r : attempts) {
            // as a receiver checks it (INTEGRATE.md), not with the service's own code
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((r.timestamp() + ".").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(r.body())), r.signature(), "signed with the secret");
            assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(r.timestamp())) < 60, "a current timestamp");
        }
        AttendanceEvent event = new EventCodec().decode(attempts.get(2).body(), AttendanceEvent.class);
        assertEquals(AttendanceEvent.Type.MANUAL, event.type());
        assertEquals("wendy", event.personId());
        assertEquals(event.eventId(), attempts.get(2).eventId());
        given().auth().oauth2(admin).get(BASE + "/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("[0].state", equalTo("DELIVERED")).body("[0].attempts", equalTo(3)).body("[0].lastStatus", equalTo(204))
                .body("[0].eventType", equalTo("MANUAL"));
        // the contract identity's client reads (services/events contracts/): the same fields
        assertEquals(ContractExamples.paths(ContractExamples.example("attendance-deliveries.json")),
                ContractExamples.paths(given().auth().oauth2(admin).get(BASE + "/webhooks/" + id + "/deliveries").asString()));
        assertEquals(ContractExamples.paths(ContractExamples.example("attendance-webhooks.json")),
                ContractExamples.paths(given().auth().oauth2(admin).get(BASE + "/webhooks").asString()));

        // the person's erasure removes their deliveries (the payloads are their records); PERSON_ERASED is delivered
        Erasure erasure = new Erasure(Erasure.VERSION, "er-wendy", "org-hooks", "wendy", true, Instant.now());
        Fixtures.sendRaw(kafka, Topics.ERASURES, erasure.key(), Fixtures.CODEC.encode(erasure));
        Await.until(() -> {
            var log = given().auth().oauth2(admin).get(BASE + "/webhooks/" + id + "/deliveries").jsonPath();
            return log.getList("eventType").equals(List.of("PERSON_ERASED")) && "DELIVERED".equals(log.getString("[0].state"));
        }, Duration.ofSeconds(30), "only the erasure's delivery left, delivered");
    }

    @Test
    void aReceiverThatKeepsFailingEndsFailedAndUnsafeAddressesAreRefused() throws Exception {
        String admin = tokens.token("admin-f", "org-failing-hooks", "admin");
        String id = io.restassured.path.json.JsonPath.from(webhook(admin, "/failing")).getString("id");
        Receiver.FAILURES_LEFT.set(1000);
        manual(admin, "fred", "2026-06-02");
        Await.until(() -> "FAILED".equals(given().auth().oauth2(admin).get(BASE + "/webhooks/" + id + "/deliveries").jsonPath()
                .getString("[0].state")), Duration.ofSeconds(30), "the delivery gave up");
        given().auth().oauth2(admin).get(BASE + "/webhooks/" + id + "/deliveries").then()
                .body("[0].attempts", equalTo(4)).body("[0].lastStatus", equalTo(500)).body("[0].lastError", equalTo("answered 500"));
        assertEquals(4, to("/failing").size(), "no attempt after the last");
        Receiver.FAILURES_LEFT.set(0);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("url", "ftp://example.org/x")).post(BASE + "/webhooks")
                .then().statusCode(400).body("detail", containsString("https://"));
        given().auth().oauth2(admin).delete(BASE + "/webhooks/" + id).then().statusCode(204);
        given().auth().oauth2(admin).get(BASE + "/webhooks/" + id + "/deliveries").then().statusCode(404);
        // the production default: https only, public addresses only (the cluster, the metadata service and LANs are refused)
        WebhookTarget strict = new WebhookTarget(false, false);
        for (String url : List.of("http://example.org/hook", "https://127.0.0.1/hook", "https://169.254.169.254/latest",
                "https://10.1.2.3/hook", "https://[::1]/hook", "https://[fd00::1]/hook", "https://user:pw@example.org/hook")) {
            assertNotNull(strict.refusal(url), url + " must be refused");
        }
    }
}
