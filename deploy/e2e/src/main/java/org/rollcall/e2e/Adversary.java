package org.rollcall.e2e;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rollcall.testkit.RecordingWebSocket;

/**
 * The security review's findings (issue 16), tried again as an attacker would against the stack
 * deploy/e2e/run started: plain HTTP and WebSocket clients, no browser, no access to the code.
 * Each check names its finding; every one is tried and the run fails (exit 1) if any does not
 * hold. Last line {@code adversary: N findings held, M not held}.
 */
public final class Adversary {
    static final String PORTAL = "http://127.0.0.1:8080";
    static final String PASSWORD = "adversary-password-1234";
    static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final List<String> held = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    /** One attack; it throws (AssertionError) when its finding does not hold. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Adversary a = new Adversary();
        Session admin = a.register();
        List<Check> checks = List.of(a::internalPortsListenOnLoopbackOnly, a::aParallelBurstCannotOutrunTheAccountLock,
                a::aLockedAccountAnswersLikeAnUnknownOne, () -> a.cameraSourcesOutsideThePolicyAreRefused(admin),
                () -> a.aBodilessOrTextPostWithTheCookieIsRefused(admin), () -> a.aPixelBombOverTheBrowserCameraIsRefusedBeforeDecoding(admin),
                a::theManagementPathsAndInternalApisNeedTheirTokens, () -> a.aSignedOutTokenIsRefusedByEveryService(admin));
        List<String> failed = new ArrayList<>();
        for (Check c : checks) {
            // every attack is tried, so a run shows all that do not hold, not only the first
            try {
                c.run();
            } catch (AssertionError e) {
                failed.add(e.getMessage());
            }
        }
        a.held.forEach(System.out::println);
        failed.forEach(System.out::println);
        System.out.println("adversary: " + a.held.size() + " findings held, " + failed.size() + " not held");
        if (!failed.isEmpty()) {
            System.exit(1);
        }
    }

    private void held(String finding, String how) {
        held.add("adversary: held: " + finding + " (" + how + ")");
    }

    private static void require(boolean ok, String finding, String what) {
        if (!ok) {
            throw new AssertionError("adversary: NOT HELD: " + finding + ": " + what);
        }
    }

    /** "Local and distributed setups listen on all interfaces": every service port answers on loopback only. */
    void internalPortsListenOnLoopbackOnly() throws Exception {
        String finding = "services listen on all interfaces";
        InetAddress lan = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> { try { return i.isUp() && !i.isLoopback(); } catch (java.net.SocketException e) { return false; } })
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream()).filter(a -> a instanceof Inet4Address)
                .findFirst().orElse(null);
        require(lan != null, finding, "this machine has no non-loopback IPv4 address to try the ports from");
        for (int port : List.of(8080, 8081, 8082, 8083)) {
            require(connects(InetAddress.getLoopbackAddress(), port), finding, "nothing listens on 127.0.0.1:" + port);
            require(!connects(lan, port), finding, lan.getHostAddress() + ":" + port + " accepts connections");
        }
        held(finding, "8080-8083 answer on 127.0.0.1 and refuse " + lan.getHostAddress());
    }

    private static boolean connects(InetAddress host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private Session register() throws Exception {
        Session s = new Session();
        s.page("/register");
        HttpResponse<String> r = s.form("/register", Map.of("orgName", "Adversary " + run, "displayName", "Eve",
                "email", "eve-" + run + "@adversary.test", "password", PASSWORD), null);
        require(r.statusCode() == 303, "setup", "registration answered " + r.statusCode());
        return s;
    }

    /** "Lockout bypass": guesses sent at once, from many addresses, with the right password late in the burst. */
    void aParallelBurstCannotOutrunTheAccountLock() throws Exception {
        String finding = "lockout bypass by a parallel burst";
        String email = "burst-" + run + "@adversary.test";
        Session owner = new Session();
        owner.page("/register");
        owner.form("/register", Map.of("orgName", "Burst " + run, "displayName", "Bo", "email", email, "password", PASSWORD), null);
        Session attacker = new Session();
        attacker.page("/login");
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            answers.add(attacker.formAsync("/login", Map.of("email", email, "password", i == 25 ? PASSWORD : "guess " + i),
                    "198.51.100." + (20 + i)));
        }
        List<Integer> codes = new ArrayList<>();
        for (var a : answers) {
            codes.add(a.get(120, TimeUnit.SECONDS).statusCode());
        }
        require(codes.get(25) != 303, finding, "the right password late in the burst signed in: " + codes);
        held(finding, "30 sign-ins at once from 30 addresses, the right one 26th: " + codes.get(25));
    }

    /** "A locked account answers differently from an unknown one". */
    void aLockedAccountAnswersLikeAnUnknownOne() throws Exception {
        String finding = "account enumeration through the lock";
        String email = "burst-" + run + "@adversary.test";
        Session prober = new Session();
        prober.page("/login");
        HttpResponse<String> locked = prober.form("/login", Map.of("email", email, "password", PASSWORD), "203.0.113.5");
        HttpResponse<String> unknown = prober.form("/login", Map.of("email", "nobody-" + run + "@adversary.test", "password", PASSWORD),
                "203.0.113.5");
        require(locked.statusCode() == unknown.statusCode() && error(locked.body()).equals(error(unknown.body())), finding,
                "locked " + locked.statusCode() + " '" + error(locked.body()) + "' vs unknown " + unknown.statusCode() + " '"
                        + error(unknown.body()) + "'");
        held(finding, "locked and unknown both " + locked.statusCode() + " with the same message");
    }

    private static String error(String page) {
        Matcher m = Pattern.compile("<p class=\"error\" role=\"alert\">([^<]*)</p>").matcher(page);
        return m.find() ? m.group(1) : "";
    }

    /** "Any tenant admin controls what frame-ingest opens". */
    void cameraSourcesOutsideThePolicyAreRefused(Session admin) throws Exception {
        String finding = "tenant admins point cameras at the platform";
        String site = site(admin);
        for (String[] probe : List.of(new String[] {"FILE", "/etc/shadow"}, new String[] {"HTTP", "http://169.254.169.254/latest/meta-data/"},
                new String[] {"RTSP", "rtsp://10.255.255.1:554/internal"})) {
            HttpResponse<String> r = admin.form("/sites/cameras", Map.of("siteId", site, "name", "Probe " + probe[1], "kind", probe[0],
                    "url", probe[1], "fps", "5", "enabled", "on"), null);
            require(r.statusCode() == 400, finding, probe[1] + " answered " + r.statusCode());
        }
        held(finding, "/etc/shadow, the cloud metadata address and a private network refused when saved");
    }

    private String site(Session admin) throws Exception {
        admin.page("/sites");
        admin.form("/sites", Map.of("name", "HQ " + run, "zone", "UTC"), null);
        String page = admin.page("/sites");
        Matcher m = Pattern.compile("<option value=\"(site-[A-Za-z0-9_-]+)\"").matcher(page);
        require(m.find(), "setup", "no site on the sites page");
        return m.group(1);
    }

    /** "CSRF is skipped for a POST without a form content type". */
    void aBodilessOrTextPostWithTheCookieIsRefused(Session admin) throws Exception {
        String finding = "CSRF without a form content type";
        HttpResponse<String> text = admin.http.send(HttpRequest.newBuilder(URI.create(PORTAL + "/me/erase"))
                .header("Content-Type", "text/plain").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("attendance=on")).build(), HttpResponse.BodyHandlers.ofString());
        require(text.statusCode() == 403, finding, "a text/plain POST with the cookie answered " + text.statusCode());
        HttpResponse<String> none = admin.http.send(HttpRequest.newBuilder(URI.create(PORTAL + "/me/erase"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        require(none.statusCode() == 400 || none.statusCode() == 403, finding, "a bodiless POST with the cookie answered " + none.statusCode());
        held(finding, "text/plain 403, bodiless " + none.statusCode());
    }

    /** "One small JPEG whose header claims 30000x30000 makes frame-ingest allocate gigabytes". */
    void aPixelBombOverTheBrowserCameraIsRefusedBeforeDecoding(Session admin) throws Exception {
        String finding = "a decompression bomb over the browser camera";
        String site = site(admin);
        admin.form("/sites/cameras", Map.of("siteId", site, "name", "Webcam " + run, "kind", "BROWSER", "fps", "5", "enabled", "on"), null);
        String page = admin.page("/live");
        Matcher m = Pattern.compile("<option value=\"(cam-[A-Za-z0-9_-]+)\"[^>]*>Webcam " + run).matcher(page);
        require(m.find(), "setup", "the browser camera is not on the live page");
        byte[] jpeg = tinyJpeg();
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = 0x75;
                jpeg[i + 6] = 0x30;
                jpeg[i + 7] = 0x75;
                jpeg[i + 8] = 0x30;
                break;
            }
        }
        RecordingWebSocket l = new RecordingWebSocket();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + admin.token())
                .buildAsync(URI.create("ws://127.0.0.1:8081/ws/cameras/" + m.group(1)), l).get(10, TimeUnit.SECONDS);
        String[] reply = new String[1];
        waitFor(() -> {
            ws.sendBinary(ByteBuffer.wrap(jpeg), true).join();
            try {
                reply[0] = l.texts.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reply[0] != null || l.closed.isDone();
        }, Duration.ofSeconds(20), finding, "no answer to the bomb");
        require(reply[0] != null && reply[0].contains("larger than"), finding, "answer " + reply[0]);
        require(!l.closed.isDone(), finding, "the stream closed");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        require(status(PORTAL.replace("8080", "8081") + "/q/health/live", null) == 200, finding, "frame-ingest is not live after the bomb");
        held(finding, "a " + jpeg.length + "-byte JPEG claiming 30000x30000 refused from its header; the stream and ingest go on");
    }

    private static byte[] tinyJpeg() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** "Recognition's template enrollment and /recognize are reachable": without a token, nothing answers but 401. */
    void theManagementPathsAndInternalApisNeedTheirTokens() throws Exception {
        String finding = "internal APIs without a token";
        require(status("http://127.0.0.1:8082/api/v1/recognize", "") == 401, finding, "recognize without a token");
        require(status("http://127.0.0.1:8083/api/v1/attendance", null) == 401, finding, "attendance without a token");
        require(status("http://127.0.0.1:8081/api/v1/cameras/status", null) == 401, finding, "camera status without a token");
        held(finding, "recognition, attendance and frame-ingest answer 401 without a token");
    }

    /** "Logout only takes effect in identity": the signed-out token, replayed to every service. */
    void aSignedOutTokenIsRefusedByEveryService(Session admin) throws Exception {
        String finding = "revoked tokens accepted by the other services";
        String token = admin.token();
        String attendance = "http://127.0.0.1:8083/api/v1/attendance";
        String ingest = "http://127.0.0.1:8081/api/v1/cameras/status";
        require(status(attendance, token) == 200 && status(ingest, token) == 200, finding, "the token did not work before sign-out");
        admin.page("/dashboard");
        HttpResponse<String> out = admin.form("/logout", Map.of(), null);
        require(out.statusCode() == 303, "setup", "sign-out answered " + out.statusCode());
        long t0 = System.nanoTime();
        waitFor(() -> status(attendance, token) == 401 && status(ingest, token) == 401, Duration.ofSeconds(20), finding,
                "attendance or frame-ingest still accepts the signed-out token");
        held(finding, "attendance and frame-ingest refused the signed-out token after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    private static int status(String url, String bearer) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (bearer != null && !bearer.isEmpty()) {
                b.header("Authorization", "Bearer " + bearer);
            }
            if (bearer != null && bearer.isEmpty()) {
                // a multipart POST with no token (the shape recognition's APIs take)
                b.header("Content-Type", "multipart/form-data; boundary=x").POST(HttpRequest.BodyPublishers.ofString("--x--\r\n"));
            }
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout, String finding, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            require(System.nanoTime() < end, finding, what + " within " + timeout.toSeconds() + " s");
            Thread.sleep(200);
        }
    }

    /** A browser-like client: cookies, the CSRF token of the last page, forms. */
    static final class Session {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
        String csrf = "";

        String page(String path) throws Exception {
            String body = http.send(HttpRequest.newBuilder(URI.create(PORTAL + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = CSRF.matcher(body);
            if (m.find()) {
                csrf = m.group(1);
            }
            return body;
        }

        HttpResponse<String> form(String path, Map<String, String> fields, String forwardedFor) throws Exception {
            return formAsync(path, fields, forwardedFor).get(120, TimeUnit.SECONDS);
        }

        CompletableFuture<HttpResponse<String>> formAsync(String path, Map<String, String> fields, String forwardedFor) {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("csrf-token", csrf);
            String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(PORTAL + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (forwardedFor != null) {
                b.header("X-Forwarded-For", forwardedFor);
            }
            // one connection per request, so a burst really is sent at once
            HttpClient client = forwardedFor == null ? http
                    : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
            return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        String token() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().endsWith("rollcall_session"))
                    .map(java.net.HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("not signed in"));
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
