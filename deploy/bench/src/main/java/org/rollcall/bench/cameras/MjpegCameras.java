package org.rollcall.bench.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The scenario's IP cameras: one MJPEG stream per camera on 127.0.0.1 (the multipart format
 * FFmpeg's mpjpeg muxer writes, which frame-ingest reads as an HTTP camera), showing at each
 * moment what the {@link Scenario} says. A camera that frame-ingest reconnects to (after a kill)
 * shows the scenario's present, like a real camera.
 */
final class MjpegCameras implements AutoCloseable {
    private static final String BOUNDARY = "ffmpeg";

    private final Scenario scenario;
    private final Scenes scenes;
    private final double fps;
    private final HttpServer server;
    private volatile Instant start;
    private volatile boolean open = true;

    MjpegCameras(Scenario scenario, Scenes scenes, double fps) throws IOException {
        this.scenario = scenario;
        this.scenes = scenes;
        this.fps = fps;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chaos-camera");
            t.setDaemon(true);
            return t;
        }));
        for (int c = 0; c < scenario.cameras(); c++) {
            int camera = c;
            server.createContext("/cam-" + c + ".mjpg", ex -> stream(ex, camera));
        }
        server.start();
    }

    String url(int camera) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cam-" + camera + ".mjpg";
    }

    /** Until this is called every camera shows the empty scene. */
    void startScenario(Instant at) {
        start = at;
    }

    private byte[] frame(int camera, long n) {
        Instant s = start;
        Scenario.Visit v = s == null ? null : scenario.showing(camera, Duration.between(s, Instant.now()));
        List<byte[]> loop = v == null ? scenes.empty : scenes.frames.get(v.person().portrait());
        return loop.get((int) (n % loop.size()));
    }

    private void stream(HttpExchange ex, int camera) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=" + BOUNDARY);
        ex.sendResponseHeaders(200, 0);
        long periodNanos = (long) (1e9 / fps);
        long next = System.nanoTime();
        try (OutputStream out = ex.getResponseBody()) {
            for (long n = 0; open; n++) {
                byte[] jpeg = frame(camera, n);
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    // the camera's frame clock, not a wait for a condition
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (IOException | InterruptedException e) {
            // the reader went away (frame-ingest killed or reconnecting): a real camera just stops sending
        }
    }

    @Override
    public void close() {
        open = false;
        server.stop(0);
    }
}
