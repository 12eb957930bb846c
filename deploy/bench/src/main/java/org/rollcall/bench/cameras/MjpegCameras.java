package org.rollcall.bench.cameras;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench's IP cameras: one MJPEG stream per camera on 127.0.0.1 (the multipart format FFmpeg's
 * mpjpeg muxer writes, which frame-ingest reads as an HTTP camera) at a fixed frame rate, showing
 * what the {@link CameraFeed} says. Counts the frames it sends: what the cameras offered.
 */
final class MjpegCameras implements AutoCloseable {
    private static final String BOUNDARY = "ffmpeg";

    private final CameraFeed feed;
    private final double fps;
    private final HttpServer server;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean open = true;

    MjpegCameras(int cameras, CameraFeed feed, double fps) throws IOException {
        this.feed = feed;
        this.fps = fps;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-camera");
            t.setDaemon(true);
            return t;
        }));
        for (int c = 0; c < cameras; c++) {
            int camera = c;
            server.createContext("/cam-" + c + ".mjpg", ex -> stream(ex, camera));
        }
        server.start();
    }

    String url(int camera) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cam-" + camera + ".mjpg";
    }

    /** Frames sent so far, all cameras together. */
    long sent() {
        return sent.get();
    }

    private void stream(HttpExchange ex, int camera) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=" + BOUNDARY);
        ex.sendResponseHeaders(200, 0);
        long periodNanos = (long) (1e9 / fps);
        long next = System.nanoTime();
        try (OutputStream out = ex.getResponseBody()) {
            for (long n = 0; open; n++) {
                byte[] jpeg = feed.frame(camera, n);
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                sent.incrementAndGet();
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
