package org.rollcall.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Topics;
import org.rollcall.testkit.Ffmpeg;

/**
 * The scenario of the end-to-end issue, against a stack that deploy/e2e/run started: a new user
 * registers, creates a site and cameras, enrolls two people from photos, watches the live page
 * with Chromium's fake webcam showing one enrolled and one unknown face, sees the check-in on the
 * dashboard, in the attendance API and on the attendance topic, and an HTTP MJPEG camera checks
 * in the second person. Screenshots and latencies go to deploy/e2e/target/.
 */
public final class Scenario {
    static final String PORTAL = "http://127.0.0.1:8080";
    static final String PASSWORD = "e2e-password-1234";
    static final String SITE_ZONE = "Asia/Tokyo";

    private final Path out;
    private final List<String> report = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private WebDriver browser;
    private int shot;

    private Scenario(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "deploy/e2e/target");
        Files.createDirectories(out);
        Scenario s = new Scenario(out);
        try {
            s.run();
        } catch (Throwable t) {
            s.report.add("e2e: FAILED: " + t.getMessage());
            s.diagnostics();
            throw t;
        } finally {
            s.report.forEach(System.out::println);
            Files.write(out.resolve("report.txt"), s.report);
            if (s.browser != null) {
                s.browser.quit();
            }
        }
    }

    private void run() throws Exception {
        Instant t0 = Instant.now();
        List<Path> faces = Faces.portraits(out.resolve("faces"), 3);
        Path grace = faces.get(0);
        Path alan = faces.get(1);
        Path stranger = faces.get(2);
        Path webcam = out.resolve("webcam.y4m");
        // the enrolled person and an unenrolled one side by side, with a moving bar so frames differ
        ffmpeg("-loop", "1", "-i", grace.toString(), "-loop", "1", "-i", stranger.toString(), "-filter_complex",
                // no black bars: the liveness model reads letterboxing as a screen (0.13 vs 1.0 measured)
                "[0]scale=480:480,crop=320:480[a];[1]scale=480:480,crop=320:480[b];[a][b]hstack,"
                        + "drawbox=x='mod(t*200,600)':y=450:w=40:h=20:color=white:t=fill,format=yuv420p",
                "-t", "6", "-r", "15", webcam.toString());
        Path lobbyClip = out.resolve("lobby.mp4");
        ffmpeg("-loop", "1", "-i", alan.toString(), "-vf", "scale=480:480,pad=640:480:80:0,"
                + "drawbox=x='mod(t*200,600)':y=450:w=40:h=20:color=white:t=fill,format=yuv420p",
                "-t", "6", "-r", "15", "-c:v", "mpeg4", "-q:v", "3", lobbyClip.toString());

        browser = chromium(webcam);
        // 1. register an organization
        browser.get(PORTAL + "/register");
        screenshot("register");
        browser.findElement(By.id("orgName")).sendKeys("Acme Analytical Engines");
        browser.findElement(By.id("displayName")).sendKeys("Ada Lovelace");
        browser.findElement(By.id("email")).sendKeys("ada@acme.example");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button.primary")).click();
        require(browser.getCurrentUrl().endsWith("/dashboard"), "registration did not land on the dashboard");
        screenshot("dashboard-new");

        // 2. a site, a browser camera and an HTTP camera
        browser.get(PORTAL + "/sites");
        browser.findElement(By.id("siteName")).sendKeys("Headquarters");
        // a zone far from UTC: the site's "today", times and CSV must follow it, not the server's clock
        new Select(browser.findElement(By.id("zone"))).selectByVisibleText(SITE_ZONE);
        browser.findElement(By.cssSelector("form[action='/sites'] button.primary")).click();
        addCamera("Front desk webcam", "BROWSER", "");
        int port = freePort();
        Process lobby = mjpegServer(lobbyClip, port);
        screenshot("sites");

        // 3. enroll two people
        // Grace with two photos at once (several templates per person), Alan with one
        String graceId = enroll("Grace Hopper", "grace@acme.example", List.of(grace, Faces.mirrored(grace)));
        String alanId = enroll("Alan Turing", "alan@acme.example", List.of(alan));

        // 4. live recognition with the fake webcam: the name on the overlay, the stranger unknown
        browser.get(PORTAL + "/live");
        new Select(browser.findElement(By.id("camera"))).selectByVisibleText("Front desk webcam");
        Instant start = Instant.now();
        browser.findElement(By.id("start")).click();
        waitFor(() -> text("faces").contains("Grace Hopper") && text("faces").contains("unknown"), Duration.ofSeconds(90),
                "the live page names Grace Hopper and shows the stranger as unknown");
        long overlayMs = Duration.between(start, Instant.now()).toMillis();
        screenshot("live");
        waitFor(() -> text("checkins").contains("Grace Hopper"), Duration.ofSeconds(60), "the live page shows the check-in");
        long checkInMs = Duration.between(start, Instant.now()).toMillis();
        screenshot("live-checkin");
        browser.findElement(By.id("stop")).click();

        // 5. the dashboard, the attendance API and the attendance topic agree
        browser.get(PORTAL + "/dashboard");
        waitFor(() -> {
            browser.navigate().refresh();
            return browser.getPageSource().contains("Grace Hopper");
        }, Duration.ofSeconds(30), "the dashboard lists Grace Hopper as present");
        screenshot("dashboard-present");
        String token = apiToken();
        waitFor(() -> attendance(token).contains("\"personId\":\"" + graceId + "\""), Duration.ofSeconds(30),
                "the attendance API returns Grace Hopper's record");
        AttendanceEvent checkIn = checkInEvent(graceId);
        require(checkIn != null, "no CHECK_IN on " + Topics.ATTENDANCE + " for Grace Hopper");
        // the same key resolves the event's ids: people (names, employee ids) and sites (time zones)
        String people = bearerGet(PORTAL + "/api/v1/people", token);
        require(people.contains("\"id\":\"" + graceId + "\"") && people.contains("Grace Hopper"),
                "the people API does not list Grace Hopper for the API key: " + people);
        String sites = bearerGet(PORTAL + "/api/v1/sites", token);
        require(checkIn.siteId() != null && sites.contains("\"id\":\"" + checkIn.siteId() + "\"") && sites.contains(checkIn.zone()),
                "the sites API does not list the check-in's site and zone for the API key: " + sites);

        // 6. a second camera: an HTTP MJPEG stream of the other person
        addCamera("Lobby camera", "HTTP", "http://127.0.0.1:" + port + "/cam.mjpg");
        Instant lobbyStart = Instant.now();
        waitFor(() -> attendance(token).contains("\"personId\":\"" + alanId + "\""), Duration.ofSeconds(120),
                "the HTTP camera checks in Alan Turing");
        long lobbyMs = Duration.between(lobbyStart, Instant.now()).toMillis();
        browser.get(PORTAL + "/dashboard");
        screenshot("dashboard-both");
        browser.get(PORTAL + "/people");
        screenshot("people");

        // 6a. every service documents its API and answers an unauthenticated call with problem details
        report.add(openApiAndProblems());

        // 6b. the admin's attendance pages: the rules, the history with a filter, a correction
        String correction = rulesHistoryAndCorrection();
        report.add("attendance rules saved; correction: " + correction);
        browser.get(PORTAL + "/me");
        screenshot("me");
        lobby.destroyForcibly();

        // 7. known_faces/: a gallery folder imported twice (the second run changes nothing), a tricky name refused
        Path known = out.resolve("known_faces");
        Files.createDirectories(known.resolve("100_Marie_Curie"));
        Files.copy(stranger, known.resolve("100_Marie_Curie/1.jpg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(known.resolve("200_bad..name"));
        Files.copy(stranger, known.resolve("200_bad..name/1.jpg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String first = importKnownFaces(known);
        require(first.contains("enrolled 1, already enrolled 0, refused 1") && first.contains("200_bad..name"),
                "first import: " + first);
        String second = importKnownFaces(known);
        require(second.contains("enrolled 0, already enrolled 1, refused 1"), "second import changed something: " + second);
        browser.get(PORTAL + "/people");
        require(browser.getPageSource().contains("Marie Curie"), "the imported person is not listed");
        report.add("known_faces import: first run '" + first.lines().filter(l -> l.startsWith("enrolled")).findFirst().orElse("")
                + "', second run '" + second.lines().filter(l -> l.startsWith("enrolled")).findFirst().orElse("") + "'");

        // 7b. re-create every template from the kept photos (what an operator does after a model or setting change)
        String reindex = rollcall("reindex");
        String last = reindex.strip().lines().reduce((a, b) -> b).orElse("");
        require(last.matches("reindexed (\\d+) of \\1 photos, 0 refused") && !last.startsWith("reindexed 0 "), "reindex: " + reindex);
        report.add("deploy/rollcall reindex: '" + last + "'");

        // 8. an erasure while a service is down: attendance crashes (SIGKILL), an admin erases Alan
        // with his attendance; the portal says pending until attendance, restarted by `up`, confirms
        long erasureMs = eraseWhileAttendanceIsDown(alanId, token);

        report.add("e2e: PASSED in " + Duration.between(t0, Instant.now()).toSeconds() + " s");
        report.add("capture-to-overlay (start to first named face on the live page): " + overlayMs + " ms");
        report.add("capture-to-check-in (start to check-in shown on the live page): " + checkInMs + " ms");
        report.add("HTTP camera registered to check-in in the API: " + lobbyMs + " ms");
        report.add("CHECK_IN event: " + checkIn.personId() + " at " + checkIn.checkIn());
        report.add("erasure requested while attendance was down: pending until it was back, completed " + erasureMs
                + " ms after `deploy/rollcall up` restarted it");
        report.add("screenshots: " + out.toAbsolutePath());
    }

    /**
     * Sets a working day on the rules page, filters the history to Grace Hopper (her record in the
     * site's zone), and corrects her check-out with a reason; returns the audit line.
     */
    private String rulesHistoryAndCorrection() throws Exception {
        browser.get(PORTAL + "/attendance/rules");
        // a time input's typing depends on the browser's locale (12 or 24 hours): set its value
        setValue(browser.findElement(By.id("start")), "08:00");
        setValue(browser.findElement(By.id("end")), "17:00");
        WebElement grace = browser.findElement(By.id("grace"));
        grace.clear();
        grace.sendKeys("10");
        browser.findElement(By.cssSelector("form#rules button.primary")).click();
        require(text("notice").contains("The rules were saved"), "rules page: " + browser.getPageSource().length() + " chars, no notice");
        require("08:00".equals(browser.findElement(By.id("start")).getAttribute("value"))
                && "17:00".equals(browser.findElement(By.id("end")).getAttribute("value")), "the rules page does not show the saved day");
        require(text("site-zones").contains(SITE_ZONE), "the rules page lists the site's zone: " + text("site-zones"));
        screenshot("rules");

        browser.get(PORTAL + "/attendance");
        new Select(browser.findElement(By.id("f-person"))).selectByVisibleText("Grace Hopper");
        browser.findElement(By.cssSelector("form.filters button")).click();
        String rows = text("history");
        require(rows.contains("Grace Hopper") && rows.contains(SITE_ZONE) && !rows.contains("Alan Turing"),
                "the history filtered to Grace Hopper: " + rows);
        require(browser.findElement(By.id("csv")).getAttribute("href").contains("personId="), "the CSV link keeps the filter");
        screenshot("history");
        browser.findElement(By.cssSelector("#history a[href^='/attendance/records/']")).click();
        setValue(browser.findElement(By.id("c-out")), "23:59");
        browser.findElement(By.id("c-reason")).sendKeys("left through the side door, no camera there");
        browser.findElement(By.cssSelector("form[action$='/correct'] button.primary")).click();
        require(text("notice").contains("The correction was saved"), "no confirmation of the correction");
        String audit = text("audit");
        require(audit.contains("Ada Lovelace") && audit.contains("left through the side door") && audit.contains("23:59 JST"),
                "the audit trail names the admin, the reason and the new time in the site's zone: " + audit);
        require(text("record").contains("23:59"), "the record shows the corrected check-out: " + text("record"));
        screenshot("correction");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("audit")));
        screenshot("correction-audit");
        return audit.lines().filter(l -> l.contains("correction")).findFirst().orElse(audit);
    }

    /** /q/openapi on each service lists its API under the bearer scheme; a call without a token is 401 problem+json. */
    private String openApiAndProblems() throws Exception {
        Map<Integer, String> api = Map.of(8080, "/api/v1/me", 8081, "/api/v1/cameras/status", 8082, "/api/v1/recognize",
                8083, "/api/v1/attendance");
        StringBuilder line = new StringBuilder("OpenAPI documents:");
        for (var e : new java.util.TreeMap<>(api).entrySet()) {
            HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.getKey() + "/q/openapi?format=json"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            require(doc.statusCode() == 200 && doc.body().contains("\"" + e.getValue() + "\"") && doc.body().contains("\"bearer\""),
                    ":" + e.getKey() + "/q/openapi does not list " + e.getValue() + " (HTTP " + doc.statusCode() + ")");
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.getKey() + e.getValue()))
                    .method(e.getKey() == 8082 ? "POST" : "GET", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            require(anonymous.statusCode() == 401 && anonymous.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    && anonymous.body().contains("\"type\":\"urn:rollcall:problem:unauthorized\""),
                    ":" + e.getKey() + e.getValue() + " without a token: " + anonymous.statusCode() + " " + anonymous.body());
            line.append(' ').append(e.getKey()).append(" ok");
        }
        return line.append("; unauthenticated calls answer 401 application/problem+json").toString();
    }

    private void setValue(WebElement input, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, value);
    }

    /** Returns how long after attendance's restart the erasure showed as complete. */
    private long eraseWhileAttendanceIsDown(String personId, String token) throws Exception {
        Path home = Path.of(System.getenv("ROLLCALL_HOME"));
        long pid = Long.parseLong(Files.readString(home.resolve("run/attendance.pid")).trim());
        ProcessHandle attendance = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("attendance is not running"));
        attendance.destroyForcibly();
        attendance.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        browser.get(PORTAL + "/people/" + personId);
        browser.findElement(By.cssSelector("form[action='/people/" + personId + "/erase'] input[name='attendance']")).click();
        browser.findElement(By.cssSelector("form[action='/people/" + personId + "/erase'] input[name='confirm']")).click();
        browser.findElement(By.cssSelector("form[action='/people/" + personId + "/erase'] button")).click();
        waitFor(() -> {
            browser.navigate().refresh();
            return text("erasure-status").contains("pending, waiting for attendance to confirm");
        }, Duration.ofSeconds(60), "the erasure is pending while attendance is down (recognition confirmed)");
        screenshot("erasure-pending");
        Process up = new ProcessBuilder(Path.of(System.getProperty("rollcall.root"), "deploy", "rollcall").toString(), "up")
                .redirectErrorStream(true).redirectOutput(out.resolve("up-again.log").toFile()).start();
        require(up.waitFor(300, java.util.concurrent.TimeUnit.SECONDS) && up.exitValue() == 0,
                "`deploy/rollcall up` did not bring attendance back (see up-again.log)");
        Instant back = Instant.now();
        waitFor(() -> {
            browser.navigate().refresh();
            return text("erasure-status").contains("attendance removed");
        }, Duration.ofSeconds(120), "the erasure completes once attendance is back");
        long ms = Duration.between(back, Instant.now()).toMillis();
        screenshot("erasure-complete");
        require(text("erasure-status").contains("recognition removed templates=1"), "recognition's part: " + text("erasure-status"));
        require(!attendance(token).contains("\"personId\":\"" + personId + "\""), "the erased person's attendance is still served");
        return ms;
    }

    /** What the services counted, for a failed run's report. */
    private void diagnostics() {
        for (String url : List.of("http://127.0.0.1:8083/q/metrics", "http://127.0.0.1:8082/q/metrics")) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String line : body.split("\n")) {
                    if (line.startsWith("rollcall_") && !line.contains("_bucket")) {
                        report.add(url.substring(17, 21) + " " + line);
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                report.add(url + ": " + e);
            }
        }
    }

    private static String importKnownFaces(Path dir) throws Exception {
        return rollcall("import-known-faces", dir.toString());
    }

    /** Runs a launcher command as the organization's admin; returns its output. */
    private static String rollcall(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(Path.of("deploy/rollcall").toAbsolutePath().toString()));
        args.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().put("ROLLCALL_IMPORT_EMAIL", "ada@acme.example");
        pb.environment().put("ROLLCALL_IMPORT_PASSWORD", PASSWORD);
        pb.environment().put("ROLLCALL_IMPORT_CONSENT_EVIDENCE", "e2e: consent forms signed by the test people");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(300, TimeUnit.SECONDS);
        return output;
    }

    private void addCamera(String name, String kind, String url) {
        browser.get(PORTAL + "/sites");
        browser.findElement(By.id("camName")).sendKeys(name);
        new Select(browser.findElement(By.id("kind"))).selectByValue(kind);
        if (!url.isEmpty()) {
            browser.findElement(By.id("url")).sendKeys(url);
        }
        browser.findElement(By.cssSelector("form[action='/sites/cameras'] button.primary")).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/sites") && browser.findElement(By.cssSelector("table")).getText().contains(name),
                Duration.ofSeconds(20), "camera " + name + " is listed");
    }

    private String enroll(String name, String email, List<Path> photos) throws IOException {
        browser.get(PORTAL + "/people");
        browser.findElement(By.id("displayName")).sendKeys(name);
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.cssSelector("form[action='/people'] button.primary")).click();
        waitFor(() -> browser.getCurrentUrl().matches(".*/people/u-[a-z0-9]+$"), Duration.ofSeconds(20), name + " is added");
        String personId = browser.getCurrentUrl().replaceAll(".*/people/", "");
        // a file input with "multiple" takes several paths, one per line
        browser.findElement(By.id("photo")).sendKeys(String.join("\n", photos.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        browser.findElement(By.id("consent")).click();
        browser.findElement(By.cssSelector("form[enctype='multipart/form-data'] button.primary")).click();
        // enrollment runs the face engine: wait for the result rather than for the click
        waitFor(() -> !browser.findElements(By.id("enroll-result")).isEmpty(), Duration.ofSeconds(60), "the enrollment result");
        String result = browser.findElement(By.id("enroll-result")).getText();
        screenshot("enrolled-" + name.split(" ")[0].toLowerCase());
        String expected = "Enrolled " + photos.size() + " of " + photos.size() + " photo" + (photos.size() > 1 ? "s" : "");
        require(result.startsWith(expected), name + ": expected '" + expected + "', got: " + result);
        // the consent record: the text's version and purpose, and how it was given
        String photoList = browser.findElement(By.id("photo-list")).getText();
        require(photoList.matches("(?s).*consent \\(text \\d{4}-\\d{2}-\\d{2}, for attendance\\) confirmed by an administrator.*"
                + "recorded by Ada Lovelace.*"),
                name + ": the photos' consent record: " + photoList);
        if (photos.size() > 1) {
            int listed = browser.findElements(By.cssSelector("#enroll-results li")).size();
            require(listed == photos.size(), name + ": " + listed + " photos listed for " + photos.size() + " sent");
        }
        return personId;
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String apiToken() throws Exception {
        browser.get(PORTAL + "/people");
        browser.findElement(By.id("keyName")).sendKeys("e2e integrator");
        browser.findElement(By.cssSelector("form[action='/people/api-keys'] button")).click();
        waitFor(() -> browser.findElements(By.cssSelector("p.notice code")).stream().anyMatch(e -> e.getText().startsWith("rk_")),
                Duration.ofSeconds(20), "the new API key is shown");
        String key = browser.findElements(By.cssSelector("p.notice code")).stream().map(WebElement::getText)
                .filter(t -> t.startsWith("rk_")).findFirst().orElseThrow();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(PORTAL + "/api/v1/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + key + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        require(r.statusCode() == 200, "token exchange failed: " + r.statusCode());
        return r.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private String attendance(String token) {
        return bearerGet("http://127.0.0.1:8083/api/v1/attendance", token);
    }

    private String bearerGet(String url, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static AttendanceEvent checkInEvent(String personId) {
        EventCodec codec = new EventCodec();
        try (var c = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.ATTENDANCE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end) {
                for (var r : c.poll(Duration.ofMillis(500))) {
                    AttendanceEvent e = codec.decode(r.value(), AttendanceEvent.class);
                    if (e.personId().equals(personId) && e.type() == AttendanceEvent.Type.CHECK_IN) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    private WebDriver chromium(Path webcam) throws IOException {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        Path profile = Files.createTempDirectory("rollcall-e2e-chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,1000",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + webcam.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .build();
        return new ChromeDriver(service, o);
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(out.resolve(String.format("%02d-%s.png", ++shot, name)), png);
    }

    private void waitFor(Supplier<Boolean> condition, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the page is changing under us: try again
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        try {
            screenshot("failed");
        } catch (IOException | RuntimeException e) {
            // the failure below matters more
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-y", "-loglevel", "error"));
        all.addAll(List.of(args));
        ProcessBuilder cmd = Ffmpeg.process(all.toArray(String[]::new));
        Process p = cmd.inheritIO().start();
        require(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg failed: " + cmd.command());
    }

    private static Process mjpegServer(Path clip, int port) throws IOException {
        return Ffmpeg.process("-loglevel", "error", "-re", "-stream_loop", "-1", "-i", clip.toString(), "-an",
                "-c:v", "mjpeg", "-q:v", "4", "-f", "mpjpeg", "-content_type", "multipart/x-mixed-replace;boundary=ffmpeg",
                "-listen", "1", "http://127.0.0.1:" + port + "/cam.mjpg")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
