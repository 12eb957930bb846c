package org.rollcall.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.rollcall.testkit.ContractExamples;

/**
 * Recognition and attendance as their contracts (services/events {@code contracts/}) describe
 * them, for identity's client-side contract test: attendance answers every read with its example
 * answer; recognition answers an
 * enrollment for organization {@code org-contract} with the 201 example, for
 * {@code org-contract-refused} with the 422 example, and anything else with 503 (the portal tests
 * rely on recognition not enrolling).
 */
public class ContractStubs implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/attendance", this::attendance);
        server.createContext("/api/v1/templates", this::enroll);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("rollcall.identity.attendance-url", url, "rollcall.identity.recognition-url", url);
    }

    private void attendance(HttpExchange x) throws IOException {
        switch (x.getRequestURI().getPath()) {
            case "/api/v1/attendance/summary" -> answer(x, 200, ContractExamples.example("attendance-summary.json"));
            case "/api/v1/attendance/daily" -> answer(x, 200, ContractExamples.example("attendance-daily.json"));
            case "/api/v1/attendance/policy" -> answer(x, 200, ContractExamples.example("attendance-policy.json"));
            case "/api/v1/attendance" -> answer(x, 200, ContractExamples.example("attendance-records.json"));
            case "/api/v1/attendance/webhooks" -> answer(x, x.getRequestMethod().equals("POST") ? 201 : 200,
                    ContractExamples.example(x.getRequestMethod().equals("POST") ? "attendance-webhook-created.json" : "attendance-webhooks.json"));
            case "/api/v1/attendance/webhooks/wh-contract/deliveries" -> answer(x, 200, ContractExamples.example("attendance-deliveries.json"));
            default -> answer(x, 503, "{}");
        }
    }

    /** Bodies of the re-index enrollments recognition was sent (the stub lives in the test JVM). */
    static final java.util.Queue<String> REINDEXED = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private void enroll(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (body.contains("name=\"sourceId\"") && body.contains("name=\"replaces\"")) {
            // a re-index's enrollment (any organization): recorded for the test, answered as the contract says
            REINDEXED.add(body);
            answer(x, 201, ContractExamples.example("recognition-enroll-201.json"));
        } else if (body.contains("org-contract-refused")) {
            answer(x, 422, ContractExamples.example("recognition-enroll-422.json"));
        } else if (body.contains("org-contract") && body.contains("name=\"image\"") && body.contains("filename=")) {
            answer(x, 201, ContractExamples.example("recognition-enroll-201.json"));
        } else {
            answer(x, 503, "{}");
        }
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
