package org.rollcall.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Portal latency under concurrent sessions: N users (each registers an organization first), then
 * all at once sign in and load their dashboard and people pages several times. Prints p50/p95/p99
 * of sign-in (bcrypt cost 12 by design) and of page loads, with the single-session figures of the
 * same run as the baseline.
 */
final class PortalBench {
    static final String PORTAL = "http://127.0.0.1:8080";
    static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    static final String PASSWORD = "bench-password-123";

    private PortalBench() {
    }

    static void run(String[] args) throws Exception {
        int sessions = 50;
        int pages = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--pages" -> pages = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String email = "bench-" + run + "-" + i + "@bench.invalid";
            Session s = new Session();
            s.get("/register");
            s.post("/register", "orgName=Bench+" + i + "&displayName=Bench+" + i + "&email=" + enc(email) + "&password=" + PASSWORD);
            emails.add(email);
        }
        System.out.printf("Rollcall portal latency (%d cores, %d sessions, %d page loads each)%n%n",
                Runtime.getRuntime().availableProcessors(), sessions, pages);
        System.out.println("concurrency  sign-in p50/p95/p99 ms   page p50/p95/p99 ms   pages/s");
        row(emails.subList(0, 1), pages);
        row(emails, pages);
    }

    private static void row(List<String> emails, int pages) throws Exception {
        List<Long> logins = Collections.synchronizedList(new ArrayList<>());
        List<Long> loads = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(emails.size());
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (String email : emails) {
            done.add(pool.submit(() -> {
                Session s = new Session();
                s.get("/login");
                long a = System.nanoTime();
                int status = s.post("/login", "email=" + enc(email) + "&password=" + PASSWORD);
                logins.add((System.nanoTime() - a) / 1_000_000);
                if (status != 303) {
                    throw new IllegalStateException("sign-in answered " + status);
                }
                for (int p = 0; p < pages; p++) {
                    long b = System.nanoTime();
                    s.get(p % 2 == 0 ? "/dashboard" : "/people");
                    loads.add((System.nanoTime() - b) / 1_000_000);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Collections.sort(logins);
        Collections.sort(loads);
        System.out.printf("%-11d  %-22s  %-20s  %.1f%n", emails.size(), pct(logins), pct(loads), loads.size() / seconds);
    }

    private static String pct(List<Long> v) {
        return v.get(v.size() / 2) + "/" + v.get(Math.min(v.size() - 1, (int) (v.size() * 0.95))) + "/"
                + v.get(Math.min(v.size() - 1, (int) (v.size() * 0.99)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One browser-like session: cookies and the CSRF token of the last page. */
    static final class Session {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
        String csrf = "";

        void get(String path) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(PORTAL + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = CSRF.matcher(body);
                if (m.find()) {
                    csrf = m.group(1);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        int post(String path, String form) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(PORTAL + path)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form + "&csrf-token=" + enc(csrf))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
